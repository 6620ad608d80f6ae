package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.Ttl;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admin-configured global param TTL (D1: none by default): params without their own TTL go once it passes. */
class GlobalTtlTest {
    private final ManualClock clock = new ManualClock();
    private final MemoryParamStore store = new MemoryParamStore();
    private final RouterCore core = new RouterCore(TestSettings.defaults().paramTtlSeconds(60).build(), store,
            new OpenAuthoriser(), clock);
    private final LocalSessionImpl s = new LocalSessionImpl(core, "t", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });

    GlobalTtlTest() { core.register(s); }

    private List<String> stored() { return stored(store); }

    private static List<String> stored(MemoryParamStore in) {
        List<String> out = new ArrayList<>();
        in.scan("", p -> out.add(p.address()));
        return out;
    }

    private static SetMessage withTtl(String address, Ttl ttl) { return new SetMessage(address, Value.of(1L), null, false, false, ttl); }

    @Test void aParamWithoutItsOwnTtlGoesSilentlyOnceTheGlobalTtlPassedSinceItsLastWrite() throws Exception {
        TestClient watcher = new TestClient(core).hello();
        watcher.send(new SubscribeMessage(1, "/**"));
        s.set("/a", Value.of(1L));
        clock.advance(30, TimeUnit.SECONDS);
        s.set("/b", Value.of(1L));
        watcher.take();
        clock.advance(30, TimeUnit.SECONDS);
        assertThat(stored()).containsExactlyInAnyOrder("/a", "/b");   // exactly 60 s old: not past it
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(stored()).containsExactly("/b");
        clock.advance(30, TimeUnit.SECONDS);
        assertThat(stored()).isEmpty();
        assertThat(watcher.take()).isEmpty();                            // removal is silent, as for a param's own TTL
        assertThat(s.set("/a", Value.of(2L))).isEqualTo(1);              // and the address starts again at revision 1
    }

    @Test void aWriteRestartsTheGlobalTtl() throws Exception {
        s.set("/w", Value.of(1L));
        clock.advance(50, TimeUnit.SECONDS);
        s.set("/w", Value.of(2L));
        clock.advance(59, TimeUnit.SECONDS);
        assertThat(stored()).containsExactly("/w");
        assertThat(core.params().pendingTtls()).isEqualTo(1);
        clock.advance(1001, TimeUnit.MILLISECONDS);
        assertThat(stored()).isEmpty();
    }

    @Test void aParamsOwnTtlWinsAndAnOwnTtlOf0NeverExpires() throws Exception {
        s.set(withTtl("/own", new Ttl(5, false)));
        s.set(withTtl("/never", new Ttl(0, false)));
        clock.advance(5_001, TimeUnit.MILLISECONDS);
        assertThat(stored()).containsExactly("/never");
        clock.advance(30, TimeUnit.DAYS);
        assertThat(stored()).containsExactly("/never");
    }

    @Test void turningTheGlobalTtlOnAppliesToParamsAlreadyStoredAndOffKeepsThem() throws Exception {
        MemoryParamStore own = new MemoryParamStore();
        RouterCore plain = new RouterCore(RouterSettings.defaults(), own, new OpenAuthoriser(), clock);
        LocalSessionImpl w = new LocalSessionImpl(plain, "w", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        plain.register(w);
        w.set("/old", Value.of(1L));
        clock.advance(2, TimeUnit.HOURS);
        w.set("/young", Value.of(1L));
        assertThat(clock.pending()).isZero();                            // D1: no global TTL by default
        plain.reconfigure(TestSettings.defaults().paramTtlSeconds(3600).build());
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(stored(own)).containsExactly("/young");               // two hours old: past the new TTL at once
        plain.reconfigure(TestSettings.defaults().paramTtlSeconds(0).build());
        clock.advance(2, TimeUnit.HOURS);
        assertThat(stored(own)).containsExactly("/young");
    }
}
