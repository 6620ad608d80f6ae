package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.session.LocalSessionImpl;
import clasp.router.internal.param.MemoryParamStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scheduled bundles on the router clock: ACK on receipt, applied at their time and never before, horizon and cap. */
class ScheduledBundleTest {
    private static final String ACK_NO_FIELDS = "53 01 00 02 50 00";

    private final ManualClock clock = new ManualClock();
    private final MemoryParamStore store = new MemoryParamStore();
    private volatile boolean deny;
    private final Authoriser auth = (principal, action, address) -> !(deny && action == Action.SET);
    private final RouterCore core = new RouterCore(TestSettings.defaults().bundleHorizonSeconds(60)
            .maxScheduledBundlesPerSession(3).build(), store, auth, clock);
    private final TestClient sender = new TestClient(core).hello();
    private final TestClient sub = subscriber();

    private TestClient subscriber() {
        TestClient s = new TestClient(core).hello();
        s.send(new SubscribeMessage(1, "/**"));
        return s;
    }

    private long in(long micros) { return clock.nowMicros() + micros; }

    private static BundleMessage bundle(Long at, Message... items) { return new BundleMessage(at, List.of(items)); }

    private static SetMessage set(String address, long v) { return new SetMessage(address, Value.of(v)); }

    @Test void aFutureBundleIsAckedOnReceiptWithoutRevisionAndRunsAtItsTimeNeverBefore() {
        PublishMessage go = PublishMessage.event("/cue/go", Value.of(1L));
        sender.send(Frame.of(bundle(in(5_000_000), go, set("/cue/level", 7)), QoS.COMMIT));
        assertThat(sender.takeHex()).containsExactly(ACK_NO_FIELDS);
        clock.advance(4_999_999, TimeUnit.MICROSECONDS);
        assertThat(sub.take()).isEmpty();
        assertThat(store.get("/cue/level")).isNull();
        clock.advance(1, TimeUnit.MICROSECONDS);
        assertThat(sub.take()).containsExactly(new SetMessage("/cue/level", Value.of(7L), 1L), go);
        assertThat(store.get("/cue/level").writer()).isEqualTo(sender.session);
        assertThat(sender.take()).isEmpty();   // no second ACK when it runs
        assertThat(core.scheduled().pending()).isZero();
    }

    @Test void aLocalSessionsBundleIsHeldOnTheRouterClockLikeANetworkClientsAndAppliedWhole() throws Exception {
        LocalSessionImpl local = new LocalSessionImpl(core, "bridge", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        local.bundle(bundle(in(5_000_000), set("/l/a", 1), set("/l/b", 2)));
        clock.advance(4_999_999, TimeUnit.MICROSECONDS);
        assertThat(store.get("/l/a")).isNull();
        assertThat(sub.take()).isEmpty();
        clock.advance(1, TimeUnit.MICROSECONDS);
        assertThat(sub.take()).containsExactly(new SetMessage("/l/a", Value.of(1L), 1L), new SetMessage("/l/b", Value.of(2L), 1L));
        assertThat(store.get("/l/a").writer()).isEqualTo(local.id());

        local.bundle(bundle(null, set("/l/now", 3)));   // no timestamp: now
        assertThat(store.get("/l/now").revision()).isEqualTo(1);
        assertThatThrownBy(() -> local.bundle(bundle(in(60_000_001), set("/l/h", 1))))
                .isInstanceOf(ClaspException.class).hasMessage("Bundle rejected: timestamp beyond the scheduling horizon of 60 s");
        deny = true;   // refused now, as a whole: nothing of it is applied
        assertThatThrownBy(() -> local.bundle(bundle(null, PublishMessage.event("/l/e", Value.of(1L)), set("/l/x", 1))))
                .isInstanceOf(ClaspException.class);
        assertThat(store.get("/l/x")).isNull();
        assertThat(sub.take()).containsExactly(new SetMessage("/l/now", Value.of(3L), 1L));
        local.close();
    }

    @Test void atFireAFutureBundleGetsNoAckButStillRuns() {
        sender.send(Frame.of(bundle(in(1_000), set("/f", 1)), QoS.FIRE));
        assertThat(sender.take()).isEmpty();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(store.get("/f").revision()).isEqualTo(1);
    }

    @Test void aPastOrPresentTimestampRunsAtOnce() {
        sender.send(bundle(in(-1_000_000), set("/p", 1)));
        sender.send(bundle(in(0), set("/p", 2)));
        assertThat(sender.take()).containsExactly(new AckMessage(null, 1L, null, null, null), new AckMessage(null, 2L, null, null, null));
        assertThat(core.scheduled().pending()).isZero();
    }

    @Test void beyondTheHorizonGets400AndNothingIsScheduled() {
        sender.send(bundle(in(60_000_001), set("/h", 1)));
        assertThat(sender.take()).containsExactly(new ErrorMessage(400,
                "Bundle rejected: timestamp beyond the scheduling horizon of 60 s", null, null));
        sender.send(bundle(in(60_000_000), set("/h", 1)));   // exactly at the horizon is fine
        assertThat(sender.take()).containsExactly(new AckMessage(null, null, null, null, null));
        assertThat(core.scheduled().pending()).isEqualTo(1);
    }

    @Test void pastThePerSessionCapGets429UntilOneHasRun() {
        for (int i = 1; i <= 3; i++) sender.send(bundle(in(i * 1_000L), set("/c", i)));
        sender.send(bundle(in(10_000), set("/c", 4)));
        assertThat(sender.take()).containsExactly(new AckMessage(null, null, null, null, null), new AckMessage(null, null, null, null, null),
                new AckMessage(null, null, null, null, null), new ErrorMessage(429, "Scheduled bundle limit reached (max 3)", null, null));
        TestClient other = new TestClient(core).hello();
        other.send(bundle(in(500), set("/o", 1)));   // the cap is per session
        assertThat(other.take()).containsExactly(new AckMessage(null, null, null, null, null));
        clock.advance(1, TimeUnit.MILLISECONDS);
        sender.send(bundle(in(10_000), set("/c", 4)));
        assertThat(sender.take()).containsExactly(new AckMessage(null, null, null, null, null));
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(store.get("/c").value()).isEqualTo(Value.of(4L));
        assertThat(store.get("/c").revision()).isEqualTo(4);
    }

    @Test void pastTheRouterWideCapGets429EvenFromSessionsThatLeftTheirPendingBundlesBehind() {
        RouterCore capped = new RouterCore(TestSettings.defaults().maxScheduledBundlesPerSession(3).maxScheduledBundles(4).build(),
                new MemoryParamStore(), auth, clock);
        for (int session = 0; session < 2; session++) {   // a client that reconnects leaves its bundles waiting
            TestClient c = new TestClient(capped).hello();
            for (int i = 0; i < 3; i++) c.send(bundle(in(5_000), set("/r", i)));
            c.take();
            c.disconnect();
        }
        TestClient next = new TestClient(capped).hello();
        next.send(bundle(in(5_000), set("/r", 9)));
        assertThat(next.take()).containsExactly(new ErrorMessage(429, "Scheduled bundle limit of the router reached (max 4)", null, null));
        assertThat(capped.scheduled().pending()).isEqualTo(4);
        clock.advance(5, TimeUnit.MILLISECONDS);   // they ran: room again
        next.send(bundle(in(5_000), set("/r", 9)));
        assertThat(next.take()).containsExactly(new AckMessage(null, null, null, null, null));
    }

    @Test void bundlesRunInTimeOrderAndTiesInArrivalOrder() {
        sender.send(bundle(in(2_000), set("/o", 2)));
        sender.send(bundle(in(1_000), set("/o", 1)));
        sender.send(bundle(in(2_000), set("/o", 3)));
        clock.advance(2, TimeUnit.MILLISECONDS);
        assertThat(sub.take()).extracting(m -> ((SetMessage) m).value()).containsExactly(Value.of(1L), Value.of(2L), Value.of(3L));
    }

    @Test void aPendingBundleSurvivesItsSendersDisconnect() {
        sender.send(bundle(in(1_000_000), set("/cue", 1), PublishMessage.event("/cue/fired", Value.of(1L))));
        sender.disconnect();
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(sub.take()).containsExactly(new SetMessage("/cue", Value.of(1L), 1L), PublishMessage.event("/cue/fired", Value.of(1L)));
    }

    @Test void authorisationIsAskedOnReceiptAndStateIsCheckedWhenItRuns() {
        deny = true;
        sender.send(bundle(in(1_000), set("/denied", 1)));
        assertThat(sender.take()).containsExactly(new ErrorMessage(403, "Bundle rejected: insufficient scope for SET to /denied", "/denied", null));
        assertThat(core.scheduled().pending()).isZero();
        deny = false;
        sender.send(bundle(in(1_000), new SetMessage("/rev", Value.of(5L), 9L), set("/rev2", 1)));
        sender.take();
        sender.send(set("/rev", 1));   // exists now at revision 1, so the scheduled SET's expected 9 will conflict
        sender.take();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(sender.take()).containsExactly(new ErrorMessage(400, "Bundle rejected: RevisionConflict { expected: 9, actual: 1 }", "/rev", null));
        assertThat(store.get("/rev2")).isNull();   // all or nothing, as on receipt
    }

    @Test void aRetriedScheduledBundleIsScheduledOnce() {
        Frame f = Frame.retryable(bundle(in(1_000), set("/once", 1)), QoS.COMMIT, 11);
        sender.send(f);
        sender.send(f);
        assertThat(sender.take()).containsExactly(new AckMessage(null, null, null, null, null), new AckMessage(null, null, null, null, null));
        assertThat(core.scheduled().pending()).isEqualTo(1);
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(store.get("/once").revision()).isEqualTo(1);
    }

    @Test void stoppingTheRouterDropsPendingBundles() {
        sender.send(bundle(in(1_000), set("/never", 1)));
        core.stop();
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(store.get("/never")).isNull();
        assertThat(core.scheduled().pending()).isZero();
    }
}
