package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Principal;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ScopeAuthoriserTest {
    private final AtomicLong millis = new AtomicLong();
    private final ScopeAuthoriser authoriser = new ScopeAuthoriser(new WriteRates(millis::get, 1_000));
    private final Logger log = (Logger) LoggerFactory.getLogger("clasp.security");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureLog() {
        levelBefore = log.getLevel();
        log.setLevel(Level.WARN);
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        log.detachAppender(logged);
        log.setLevel(levelBefore);
    }

    @Test
    void checksThePrincipalsScopes() {
        Principal alice = new Principal("alice [cpsk:3fa2c1d0]", Set.of("read:/lights/**", "write:/lights/*|range=0..1|rate=1"));
        assertThat(authoriser.allows(alice, Action.SUBSCRIBE, "/lights/**")).isTrue();
        assertThat(authoriser.allows(alice, Action.SET, "/lights/1")).isTrue();
        assertThat(authoriser.allows(alice, Action.SET, "/lights/1/x")).isFalse();
        assertThat(authoriser.allows(alice, Action.BUNDLE, null)).isTrue();
        assertThat(authoriser.constraintBroken(alice, Action.SET, "/lights/1", Value.of(2)))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses 2");
        assertThat(authoriser.constraintBroken(alice, Action.SET, "/lights/1", Value.of(1))).isNull();
        assertThat(authoriser.constraintBroken(alice, Action.SET, "/lights/1", Value.of(1)))
                .isEqualTo("Constraint rate 1/s of write:/lights/* exceeded at /lights/1");
    }

    @Test
    void theAllScopeGrantsEverythingButSubscribe() {
        Principal all = new Principal("root", Set.of(Principal.ALL));
        assertThat(authoriser.allows(all, Action.SET, "/x")).isTrue();
        assertThat(authoriser.allows(all, Action.GET, "/x")).isTrue();
        assertThat(authoriser.allows(all, Action.BUNDLE, null)).isTrue();
        assertThat(authoriser.allows(all, Action.QUERY, "/**")).isTrue();
        assertThat(authoriser.allows(all, Action.SUBSCRIBE, "/x")).isFalse();
    }

    @Test
    void compilesEachPrincipalOnce() {
        Principal alice = new Principal("alice", Set.of("read:/a"));
        ScopeSet first = authoriser.scopeSet(alice);
        assertThat(authoriser.scopeSet(alice)).isSameAs(first);
        assertThat(authoriser.cached()).isEqualTo(1);
    }

    @Test
    void theCacheIsBounded() {
        for (int i = 0; i < ScopeAuthoriser.MAX_CACHED + 500; i++) {
            authoriser.allows(new Principal("p" + i, Set.of("read:/a")), Action.GET, "/a");
            assertThat(authoriser.cached()).isLessThanOrEqualTo(ScopeAuthoriser.MAX_CACHED);
        }
    }

    @Test
    void aPrincipalWithABadScopeIsRefusedEverythingAndLoggedOnce() {
        Principal broken = new Principal("cap:1a2b3c4d", Set.of("read:/ok/**", "write:/x|rate=0"));
        for (Action action : Action.values()) assertThat(authoriser.allows(broken, action, "/ok/1")).isFalse();
        Principal again = new Principal("cap:1a2b3c4d", Set.of("read:/ok/**", "write:/x|rate=0"));
        assertThat(authoriser.allows(again, Action.GET, "/ok/1")).isFalse();
        assertThat(logged.list).hasSize(1);
        assertThat(logged.list.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(logged.list.get(0).getFormattedMessage()).isEqualTo("Principal cap:1a2b3c4d is refused everything: "
                + "rate must be a positive whole number of writes per second, not '0' in scope 'write:/x|rate=0'");
    }

    @Test
    void aPrincipalWithoutScopesIsDeniedEverythingChecked() {
        Principal nobody = new Principal("nobody", Set.of());
        assertThat(authoriser.allows(nobody, Action.GET, "/a")).isFalse();
        assertThat(authoriser.allows(nobody, Action.BUNDLE, null)).isFalse();
        assertThat(authoriser.allows(nobody, Action.QUERY, "/**")).isTrue();
        assertThat(logged.list).isEmpty();
    }
}
