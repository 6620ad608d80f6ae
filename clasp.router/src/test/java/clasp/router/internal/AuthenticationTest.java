package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.api.Feature;
import clasp.api.IntValue;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.AuthenticationException;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.router.internal.session.Audit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Authenticated mode through the Authenticator SPI: HELLO refusals with the §11 codes and texts and no WELCOME,
 * sessions closed when their credentials stop holding, value constraints on every write path, and the audit lines.
 */
class AuthenticationTest extends RouterTestSupport {
    /** Tokens "good-<name>" give principal <name> with write:/ok/**; "old" is expired; principals listed in revoked no longer hold. */
    static final class Tokens implements Authenticator {
        final Set<String> revoked = ConcurrentHashMap.newKeySet();
        final List<Credentials> seen = new CopyOnWriteArrayList<>();

        @Override public Principal authenticate(Credentials c) throws AuthenticationException {
            seen.add(c);
            if (c.token() == null) throw new AuthenticationException(300, "Authentication required");
            if (c.token().equals("old")) throw new AuthenticationException(302, "Token has expired");
            if (!c.token().startsWith("good-")) throw new AuthenticationException(300, "Invalid token: token not found");
            return new Principal(c.token().substring(5), Set.of("write:/ok/**"));
        }

        @Override public boolean holds(Principal p) { return !revoked.contains(p.name()); }
    }

    /** Allows local sessions everything, others what is under /ok; values above 10 break "Constraint range ..10". */
    static final class Ranged implements Authoriser {
        @Override public boolean allows(Principal p, Action a, String address) {
            return p.name().startsWith("local:") || address == null || address.startsWith("/ok");
        }

        @Override public String constraintBroken(Principal p, Action a, String address, Value v) {
            return v instanceof IntValue i && i.value() > 10 ? "Constraint range ..10 of write:/ok/** refuses " + i.value() : null;
        }
    }

    private final Tokens tokens = new Tokens();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private Logger auditLogger;

    @BeforeEach void authenticated() {
        router.bindAuthenticator(tokens);
        router.bindAuthoriser(new Ranged());
        auditLogger = (Logger) LoggerFactory.getLogger(Audit.LOGGER);
        auditLogger.setLevel(Level.INFO);
        audit.start();
        auditLogger.addAppender(audit);
    }

    @AfterEach void detach() { auditLogger.detachAppender(audit); }

    private TestClient helloWith(String token) {
        TestClient c = connect();
        c.send(new HelloMessage(1, Set.of(Feature.PARAM), "desk", token));
        return c;
    }

    private List<String> auditLines() {
        synchronized (audit.list) {
            return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test void aHelloWithoutATokenGets300AuthenticationRequiredThenTheCloseAndNoWelcome() {
        TestClient c = helloWith(null);
        assertThat(c.conn.messages()).containsExactly(new ErrorMessage(300, "Authentication required"));
        assertThat(c.conn.closeCode).isEqualTo(1008);
        assertThat(router.sessions()).isEmpty();
        assertThat(router.stats().refusals()).containsEntry("auth-failed", 1L);
        assertThat(auditLines()).singleElement().asString()
                .startsWith("auth-failed peer=").contains("code=300 reason=\"Authentication required\"");
    }

    @Test void anExpiredTokenGets302AndAnUnknownOne300WithTheAuthenticatorsText() {
        TestClient expired = helloWith("old");
        TestClient unknown = helloWith("cpsk_nope");
        assertThat(expired.conn.messages()).containsExactly(new ErrorMessage(302, "Token has expired"));
        assertThat(unknown.conn.messages()).containsExactly(new ErrorMessage(300, "Invalid token: token not found"));
        assertThat(expired.conn.closeCode).isEqualTo(1008);
        assertThat(unknown.conn.closeCode).isEqualTo(1008);
    }

    @Test void aValidTokenGetsWelcomeAndTheSessionActsForItsPrincipal() {
        TestClient c = helloWith("good-alice");
        assertThat(c.conn.messages().get(0)).isInstanceOf(WelcomeMessage.class);
        assertThat(tokens.seen).singleElement().satisfies(cr -> {
            assertThat(cr.token()).isEqualTo("good-alice");
            assertThat(cr.transport()).isNotBlank();
        });
        c.conn.clear();
        c.send(new SetMessage("/nope/x", Value.of(1L)));
        assertThat(c.conn.messages()).containsExactly(new ErrorMessage(301, "Insufficient scope for write operation", "/nope/x", null));
        assertThat(auditLines()).singleElement().asString()
                .startsWith("denied principal=\"alice\" peer=").contains("request=SET address=\"/nope/x\" code=301");
    }

    @Test void aRevokedPrincipalsSessionsGet300AndCloseWhenTheGenerationChangesOthersStay() {
        TestClient alice = helloWith("good-alice");
        TestClient bob = helloWith("good-bob");
        alice.conn.clear();
        bob.conn.clear();
        tokens.revoked.add("alice");
        router.authenticatorUpdated(tokens);
        Awaitility.await().until(() -> alice.conn.closeCode != null);
        assertThat(alice.conn.messages()).containsExactly(new ErrorMessage(300, "Invalid token: credentials no longer valid"));
        assertThat(alice.conn.closeCode).isEqualTo(1008);
        bob.send(new SetMessage("/ok/b", Value.of(1L)));
        assertThat(bob.conn.closeCode).isNull();
        assertThat(router.sessions()).hasSize(1);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("session-closed principal=\"alice\""));
    }

    @Test void bindingAnAuthenticatorClosesTheSessionsOpenedInOpenMode() {
        router.unbindAuthenticator(tokens);
        TestClient open = helloWith(null);
        assertThat(open.conn.messages().get(0)).isInstanceOf(WelcomeMessage.class);
        Tokens strict = new Tokens();
        strict.revoked.add(Principal.OPEN.name());
        router.bindAuthenticator(strict);
        Awaitility.await().until(() -> open.conn.closeCode != null);
        assertThat(router.sessions()).isEmpty();
    }

    @Test void aConstraintRefusesSetPublishAndBundleItemsWith403NamingItAndNothingIsWritten() {
        TestClient c = helloWith("good-alice");
        c.conn.clear();
        c.send(new SetMessage("/ok/a", Value.of(11L)));
        c.send(PublishMessage.event("/ok/e", Value.of(12L)));
        c.send(new BundleMessage(null, List.of(new SetMessage("/ok/a", Value.of(1L)), new SetMessage("/ok/b", Value.of(13L)))));
        List<Message> got = c.conn.messages();
        assertThat(got).containsExactly(
                new ErrorMessage(403, "Constraint range ..10 of write:/ok/** refuses 11", "/ok/a", null),
                new ErrorMessage(403, "Constraint range ..10 of write:/ok/** refuses 12", "/ok/e", null),
                new ErrorMessage(403, "Bundle rejected: Constraint range ..10 of write:/ok/** refuses 13", "/ok/b", null));
        assertThat(router.param("/ok/a")).isEmpty();
        assertThat(router.param("/ok/b")).isEmpty();
    }

    @Test void theConstraintSeesTheValueATransformLeaves() {
        router.hookRegistry().transforms.add(1, 0, (p, address, v) -> v instanceof IntValue i ? Value.of(i.value() * 100) : v);
        TestClient c = helloWith("good-alice");
        c.conn.clear();
        c.send(new SetMessage("/ok/a", Value.of(1L)));
        assertThat(c.conn.messages()).containsExactly(new ErrorMessage(403, "Constraint range ..10 of write:/ok/** refuses 100", "/ok/a", null));
        assertThat(router.param("/ok/a")).isEmpty();
    }

    @Test void theSnapshotAfterWelcomeHoldsOnlyParamsTheSessionMayRead() throws Exception {
        try (clasp.api.router.LocalSession admin = router.openSession("admin", false)) {
            admin.set("/ok/visible", Value.of(1L));
            admin.set("/secret/hidden", Value.of(2L));
        }
        TestClient c = helloWith("good-alice");
        List<Message> got = c.conn.messages();
        assertThat(got.get(0)).isInstanceOf(WelcomeMessage.class);
        assertThat(got.get(1)).isInstanceOfSatisfying(clasp.api.message.SnapshotMessage.class, s ->
                assertThat(s.params()).extracting(clasp.api.message.ParamEntry::address).containsExactly("/ok/visible"));
    }
}
