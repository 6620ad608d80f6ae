package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Credentials;
import clasp.api.auth.Principal;
import clasp.api.message.BundleMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a network session left to run later, a scheduled bundle and a looping timeline (both outlive its connection),
 * stops once its credentials no longer hold: a revoked token writes nothing more.
 */
class WithdrawnCredentialsTest {
    private final ManualClock clock = new ManualClock();
    private final MemoryParamStore store = new MemoryParamStore();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), store, (p, action, address) -> true, clock);

    WithdrawnCredentialsTest() {
        core.useAuthenticator(new Authenticator() {
            @Override public Principal authenticate(Credentials c) { return new Principal("alice", Set.of("write:/**")); }

            @Override public boolean holds(Principal p) { return !revoked.contains(p.name()); }
        });
    }

    /** 0 → 1 over 50 ms at 40 Hz, looping. */
    private static PublishMessage loop(String address) {
        Value keyframes = Value.of(List.of(Value.of(Map.of("time", Value.of(0L), "value", Value.of(0.0))),
                Value.of(Map.of("time", Value.of(50_000L), "value", Value.of(1.0)))));
        Value definition = Value.of(Map.of("keyframes", keyframes, "loop", Value.of(true), "rate", Value.of(40L)));
        return new PublishMessage(address, SignalType.TIMELINE, definition, null, null, null, GesturePhase.START, null);
    }

    private void startBoth() {
        TestClient alice = new TestClient(core).hello();
        alice.send(new BundleMessage(clock.nowMicros() + 1_000_000, List.of(new SetMessage("/later", Value.of(1L)))));
        alice.send(loop("/loop"));
        clock.advance(100, TimeUnit.MILLISECONDS);
        assertThat(store.get("/loop").revision()).isGreaterThan(1);
    }

    @Test void aRevokedPrincipalsScheduledBundleIsDroppedAndItsTimelineStops() {
        startBoth();
        revoked.add("alice");
        assertThat(core.revalidate()).isEqualTo(1);
        long playedBefore = store.get("/loop").revision();
        clock.advance(2, TimeUnit.SECONDS);
        assertThat(store.get("/later")).isNull();
        assertThat(store.get("/loop").revision()).isEqualTo(playedBefore);
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void whileThePrincipalHoldsBothRunAfterARevalidation() {
        startBoth();
        assertThat(core.revalidate()).isZero();
        long playedBefore = store.get("/loop").revision();
        clock.advance(2, TimeUnit.SECONDS);
        assertThat(store.get("/later").value()).isEqualTo(Value.of(1L));
        assertThat(store.get("/loop").revision()).isGreaterThan(playedBefore);
        assertThat(core.timelines().playingCount()).isEqualTo(1);
    }
}
