package clasp.router.internal;

import static clasp.router.internal.timeline.Definitions.def;
import static clasp.router.internal.timeline.Definitions.kf;
import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.message.BundleMessage;
import clasp.api.message.AckMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Frame;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.store.ParamRecord;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Timelines through the router: forwarded unchanged, played as SETs through the SET path, refused, cancelled, replaced. */
class TimelineTest {
    private final ManualClock clock = new ManualClock();
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(),
            (principal, action, address) -> !(action == Action.SET && address.startsWith("/ro")), clock);
    private final TestClient sender = new TestClient(core).hello();
    private final TestClient sub = new TestClient(core).hello();

    /** 0 → 1 over 50 ms at 40 Hz: SETs 0.0 at 0 ms, 0.5 at 25 ms, 1.0 at 50 ms. */
    private static final Value FADE = def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "rate", Value.of(40L));

    private static PublishMessage timeline(String address, Value value) {
        return new PublishMessage(address, SignalType.TIMELINE, value, null, null, null, GesturePhase.START, null);
    }

    private static Frame set(String address, double value, long revision) {
        return new Frame(new SetMessage(address, Value.of(value), revision), QoS.CONFIRM, null);
    }

    private void advanceMs(long ms) { clock.advance(ms, TimeUnit.MILLISECONDS); }

    @Test void aDefinitionIsForwardedUnchangedAndPlayedAsSetsToEverySubscriberTheSendersOwnIncluded() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(new SubscribeMessage(1, "/**"));
        sender.send(timeline("/fade", FADE));
        assertThat(sub.takeFrames()).containsExactly(new Frame(timeline("/fade", FADE), QoS.COMMIT, null));
        advanceMs(0);
        advanceMs(50);
        List<Frame> sets = List.of(set("/fade", 0.0, 1), set("/fade", 0.5, 2), set("/fade", 1.0, 3));
        assertThat(sub.takeFrames()).isEqualTo(sets);
        // Not its own PUBLISH, but its ACK (the PUBLISH was confirmed) and the router's SETs.
        List<Frame> toSender = new java.util.ArrayList<>(List.of(new Frame(new AckMessage("/fade", null, null, null, null), QoS.FIRE, null)));
        toSender.addAll(sets);
        assertThat(sender.takeFrames()).isEqualTo(toSender);
        ParamRecord p = core.store().get("/fade");
        assertThat(p.value()).isEqualTo(Value.of(1.0));
        assertThat(p.writer()).isEqualTo(sender.session);
        advanceMs(1_000);
        assertThat(sub.takeFrames()).isEmpty();
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void aMalformedDefinitionGetsError400WithTheAddressAndIsNeitherForwardedNorPlayed() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(timeline("/fade", def(List.of(kf(10, 0.0, null), kf(10, 1.0, null)))));
        assertThat(sender.take()).containsExactly(
                new ErrorMessage(400, "Invalid timeline: keyframes[1].time must be greater than keyframes[0].time", "/fade", null));
        sender.send(timeline("/fade", def(List.of(kf(0, 0.0, null)), "rate", Value.of(0L))));
        assertThat(sender.take()).containsExactly(new ErrorMessage(400, "Invalid timeline: rate must be above 0 and at most 1000 Hz", "/fade", null));
        advanceMs(1_000);
        assertThat(sub.take()).isEmpty();
        assertThat(core.store().get("/fade")).isNull();
    }

    @Test void aValuelessTimelinePublishAsTheJsClientSendsCancelsPlaybackAndIsForwardedAsBefore() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(timeline("/loop", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true), "rate", Value.of(40L))));
        advanceMs(0);
        advanceMs(25);
        PublishMessage js = new PublishMessage("/loop", SignalType.TIMELINE, null, null, 5L, null, GesturePhase.START, null);
        sender.send(js);
        advanceMs(1_000);
        assertThat(sub.takeFrames()).extracting(Frame::message).containsExactly(timeline("/loop",
                def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true), "rate", Value.of(40L))),
                new SetMessage("/loop", Value.of(0.0), 1L), new SetMessage("/loop", Value.of(0.5), 2L), js);
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void aNullValueCancelsToo() {
        sub.send(new SubscribeMessage(1, "/loop"));
        sender.send(timeline("/loop", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true))));
        advanceMs(0);
        sender.send(timeline("/loop", Value.ofNull()));
        advanceMs(1_000);
        assertThat(sub.take()).hasSize(3).last().isEqualTo(timeline("/loop", Value.ofNull()));
        assertThat(core.store().get("/loop").revision()).isEqualTo(1);
    }

    @Test void aNewDefinitionFromAnySessionReplacesThePlayingOne() {
        TestClient other = new TestClient(core).hello();
        sub.send(new SubscribeMessage(1, "/fade"));
        sender.send(timeline("/fade", def(List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null)), "rate", Value.of(40L))));
        advanceMs(0);
        other.send(timeline("/fade", def(List.of(kf(0, 7.0, null)))));
        advanceMs(2_000);
        assertThat(sub.takeFrames()).extracting(Frame::message).filteredOn(m -> m instanceof SetMessage)
                .containsExactly(new SetMessage("/fade", Value.of(0.0), 1L), new SetMessage("/fade", Value.of(7.0), 2L));
        assertThat(core.store().get("/fade").writer()).isEqualTo(other.session);
    }

    @Test void theTimelineKeepsPlayingAfterItsSenderDisconnects() {
        sub.send(new SubscribeMessage(1, "/fade"));
        sender.send(timeline("/fade", FADE));
        advanceMs(0);
        sender.disconnect();
        advanceMs(50);
        assertThat(sub.take()).filteredOn(m -> m instanceof SetMessage).extracting(m -> ((SetMessage) m).value())
                .containsExactly(Value.of(0.0), Value.of(0.5), Value.of(1.0));
    }

    @Test void aSenderThatMayNotSetTheAddressGets403AndNothingIsForwardedOrPlayed() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(timeline("/ro/fade", FADE));
        assertThat(sender.take()).containsExactly(new ErrorMessage(301, "Insufficient scope for write operation", "/ro/fade", null));
        advanceMs(100);
        assertThat(sub.take()).isEmpty();
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void itsSetsMeetLocksAsAnySetDoesAndARefusedOneEndsThePlayback() {
        TestClient holder = new TestClient(core).hello();
        sub.send(new SubscribeMessage(1, "/fade"));
        sender.send(timeline("/fade", FADE));
        advanceMs(0);
        holder.send(new SetMessage("/fade", Value.of(9.0), null, true, false, null));
        advanceMs(100);
        assertThat(sub.take()).filteredOn(m -> m instanceof SetMessage).extracting(m -> ((SetMessage) m).value())
                .containsExactly(Value.of(0.0), Value.of(9.0));
        assertThat(core.store().get("/fade").value()).isEqualTo(Value.of(9.0));
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void aTimelineInsideABundleIsForwardedButNotPlayed() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(new BundleMessage(null, List.of(timeline("/fade", FADE))));
        advanceMs(1_000);
        assertThat(sub.take()).containsExactly(timeline("/fade", FADE));
        assertThat(core.timelines().playingCount()).isZero();
    }

    @Test void stoppingTheRouterStopsEveryPlayback() {
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(timeline("/a", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true))));
        sender.send(timeline("/b", def(List.of(kf(0, 0.0, null), kf(50_000, 1.0, null)), "loop", Value.of(true))));
        advanceMs(0);
        sub.take();
        core.stop();
        advanceMs(1_000);
        assertThat(sub.take()).isEmpty();
        assertThat(core.timelines().playingCount()).isZero();
    }
}
