package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SnapshotMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import clasp.api.message.UnsubscribeMessage;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE's stream options enforced per subscription (maxRate, epsilon, window, history), on the router clock in the test's hands. */
class StreamOptionsTest {
    private final ManualClock clock = new ManualClock();
    private RouterCore core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), new OpenAuthoriser(), clock);
    private final TestClient writer = client();

    private TestClient client() { return new TestClient(core).hello(); }

    private static SubscribeOptions maxRate(long hz) { return new SubscribeOptions(hz, null, null, null); }
    private static SubscribeOptions epsilon(double e) { return new SubscribeOptions(null, e, null, null); }
    private static SubscribeOptions window(long ms) { return new SubscribeOptions(null, null, null, ms); }
    private static SubscribeOptions history(long n) { return new SubscribeOptions(null, null, n, null); }

    private TestClient subscriber(String pattern, SubscribeOptions options) {
        TestClient c = client();
        c.send(new SubscribeMessage(1, pattern, Set.of(), options));
        c.take();
        return c;
    }

    private static PublishMessage stream(String address, Value v) {
        return new PublishMessage(address, SignalType.STREAM, v, null, null, null, GesturePhase.START, null);
    }

    private static PublishMessage stream(double v) { return stream("/s/x", Value.of(v)); }

    private static PublishMessage samples(Long timestamp, double... s) {
        return new PublishMessage("/s/x", SignalType.STREAM, null, s, timestamp, null, GesturePhase.START, null);
    }

    private void ms(long ms) { clock.advance(ms, TimeUnit.MILLISECONDS); }

    // ---- maxRate

    @Test void maxRateSendsTheFirstAtOnceAndTheLatestAtTheTrailingEdge() {
        TestClient sub = subscriber("/s/**", maxRate(10));   // 100 ms apart
        writer.send(stream(1));
        writer.send(stream(2));
        writer.send(stream(3));
        assertThat(sub.take()).containsExactly(stream(1));
        ms(99);
        assertThat(sub.take()).isEmpty();
        ms(1);
        assertThat(sub.take()).containsExactly(stream(3));   // 2 was replaced by the latest
        ms(1_000);
        assertThat(sub.take()).isEmpty();
        writer.send(stream(4));   // the interval is long over: at once
        assertThat(sub.take()).containsExactly(stream(4));
        assertThat(clock.pending()).isZero();
    }

    @Test void maxRateSpacesFramesAtLeastOneIntervalApartAndTheLastValueArrivesWithinOne() {
        TestClient sub = subscriber("/s/**", maxRate(10));
        List<Double> got = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 100; i++) {   // one sample every 10 ms for a second
            writer.send(stream(i));
            for (int step = 0; step < 10; step++) {
                for (Message m : sub.take()) {
                    got.add(((clasp.api.FloatValue) ((PublishMessage) m).value()).value());
                    at.add(clock.nowMicros());
                }
                ms(1);
            }
        }
        for (Message m : sub.take()) {
            got.add(((clasp.api.FloatValue) ((PublishMessage) m).value()).value());
            at.add(clock.nowMicros());
        }
        assertThat(got).containsExactly(0.0, 9.0, 19.0, 29.0, 39.0, 49.0, 59.0, 69.0, 79.0, 89.0, 99.0);
        for (int i = 1; i < at.size(); i++) assertThat(at.get(i) - at.get(i - 1)).isGreaterThanOrEqualTo(100_000L);
        assertThat(at.get(at.size() - 1)).isEqualTo(at.get(0) + 1_000_000L);   // 99 was written at 990 ms, sent at 1000 ms
    }

    @Test void maxRateAppliesToParamsWithTheLatestRevision() {
        TestClient sub = subscriber("/p/**", maxRate(20));   // 50 ms apart
        writer.send(new SetMessage("/p/a", Value.of(1L)));
        writer.send(new SetMessage("/p/a", Value.of(2L)));
        writer.send(new SetMessage("/p/a", Value.of(3L)));
        writer.send(new SetMessage("/p/b", Value.of(7L)));   // another address has its own interval
        assertThat(sub.take()).containsExactly(new SetMessage("/p/a", Value.of(1L), 1L), new SetMessage("/p/b", Value.of(7L), 1L));
        ms(50);
        assertThat(sub.take()).containsExactly(new SetMessage("/p/a", Value.of(3L), 3L));
    }

    @Test void eventsAndGesturePhasesAreNeverDroppedOrDelayed() {
        TestClient sub = subscriber("/e/**", new SubscribeOptions(1L, 100.0, null, null));
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) sent.add(PublishMessage.event("/e/go", Value.of((long) i)));
        PublishMessage start = new PublishMessage("/e/pad", SignalType.GESTURE, Value.of(0.0), null, null, 1L, GesturePhase.START, null);
        PublishMessage end = new PublishMessage("/e/pad", SignalType.GESTURE, Value.of(0.5), null, null, 1L, GesturePhase.END, null);
        PublishMessage start2 = new PublishMessage("/e/pad", SignalType.GESTURE, Value.of(0.6), null, null, 2L, GesturePhase.START, null);
        PublishMessage cancel = new PublishMessage("/e/pad", SignalType.GESTURE, Value.of(0.6), null, null, 2L, GesturePhase.CANCEL, null);
        sent.addAll(List.of(start, end, start2, cancel));
        sent.forEach(writer::send);
        assertThat(sub.take()).containsExactlyElementsOf(sent);
    }

    // ---- epsilon

    @Test void epsilonSendsTheFirstExactlyEpsilonAndEveryNonNumberAndTheNumberAfterIt() {
        TestClient sub = subscriber("/s/**", epsilon(0.5));
        PublishMessage on = stream("/s/x", Value.of("on"));
        List.of(stream(1.0), stream(1.25), stream(1.5), stream(1.75), on, stream(1.75), stream(2.0),
                stream("/s/x", Value.of(2L)), stream("/s/x", Value.of(3L))).forEach(writer::send);
        assertThat(sub.take()).containsExactly(stream(1.0), stream(1.5), on, stream(1.75), stream("/s/x", Value.of(3L)));
    }

    @Test void epsilonAppliesToParamsAndPerAddress() {
        TestClient sub = subscriber("/p/**", epsilon(1));
        writer.send(new SetMessage("/p/a", Value.of(10.0)));
        writer.send(new SetMessage("/p/a", Value.of(10.5)));
        writer.send(new SetMessage("/p/b", Value.of(10.5)));   // first at its address
        writer.send(new SetMessage("/p/a", Value.of(9.0)));   // a fall counts as much as a rise
        assertThat(sub.take()).containsExactly(new SetMessage("/p/a", Value.of(10.0), 1L),
                new SetMessage("/p/b", Value.of(10.5), 1L), new SetMessage("/p/a", Value.of(9.0), 3L));
    }

    @Test void aSetThatLocksOrUnlocksIsAlwaysSent() {
        TestClient sub = subscriber("/p/**", new SubscribeOptions(1L, 100.0, null, null));
        writer.send(new SetMessage("/p/a", Value.of(1L)));
        writer.send(new SetMessage("/p/a", Value.of(1L), null, true, false, null));
        writer.send(new SetMessage("/p/a", Value.of(1L), null, false, true, null));
        writer.send(new SetMessage("/p/a", Value.of(2L)));   // within epsilon of 1: left out
        assertThat(sub.take()).containsExactly(new SetMessage("/p/a", Value.of(1L), 1L),
                new SetMessage("/p/a", Value.of(1L), 2L, true, false, null),
                new SetMessage("/p/a", Value.of(1L), 3L, false, true, null));
    }

    @Test void aValueBackWithinEpsilonOfWhatWasSentCancelsTheHeldOne() {
        TestClient sub = subscriber("/s/**", new SubscribeOptions(10L, 1.0, null, null));
        writer.send(stream(0));
        writer.send(stream(5));     // held for the trailing edge
        writer.send(stream(0.5));   // the subscriber's 0 is within 1 of it: nothing left to send
        ms(500);
        assertThat(sub.take()).containsExactly(stream(0));
        assertThat(clock.pending()).isZero();
    }

    // ---- window

    @Test void windowBatchesEachWindowsSamplesIntoOnePublish() {
        TestClient sub = subscriber("/s/**", window(100));
        writer.send(new PublishMessage("/s/x", SignalType.STREAM, Value.of(1.0), null, 111L, null, GesturePhase.START, null));
        writer.send(stream(2));
        writer.send(samples(null, 3, 4));   // samples in the samples form join the window
        ms(50);
        writer.send(stream("/s/x", Value.of(5L)));
        ms(49);
        assertThat(sub.take()).isEmpty();
        ms(1);
        assertThat(sub.take()).containsExactly(samples(111L, 1, 2, 3, 4, 5));   // stamped like its first sample
        ms(50);
        writer.send(stream(6));
        ms(99);
        assertThat(sub.take()).isEmpty();
        ms(1);
        assertThat(sub.take()).containsExactly(samples(null, 6));
        assertThat(clock.pending()).isZero();
    }

    @Test void aSampleTheSamplesFormCannotCarryClosesTheWindowEarly() {
        TestClient sub = subscriber("/s/**", window(100));
        PublishMessage text = stream("/s/x", Value.of("peak"));
        writer.send(stream(1));
        writer.send(stream(2));
        writer.send(text);
        assertThat(sub.take()).containsExactly(samples(null, 1, 2), text);
        ms(200);
        assertThat(sub.take()).isEmpty();
    }

    @Test void windowLeavesParamsToTheOtherOptionsAndEpsilonThinsTheSamples() {
        TestClient sub = subscriber("/**", new SubscribeOptions(null, 1.0, null, 100L));
        writer.send(new SetMessage("/p", Value.of(1L)));   // not a stream: not batched
        assertThat(sub.take()).containsExactly(new SetMessage("/p", Value.of(1L), 1L));
        List.of(stream(0), stream(0.5), stream(1), stream(1.5), stream(3)).forEach(writer::send);
        ms(100);
        assertThat(sub.take()).containsExactly(samples(null, 0, 1, 3));
    }

    @Test void aWindowNeverLeavesMoreOftenThanMaxRate() {
        TestClient sub = subscriber("/s/**", new SubscribeOptions(2L, null, null, 100L));   // 500 ms
        writer.send(stream(1));
        ms(100);
        assertThat(sub.take()).isEmpty();
        ms(400);
        assertThat(sub.take()).containsExactly(samples(null, 1));
    }

    // ---- history

    private void restart(TestSettings settings) {
        core = new RouterCore(settings.build(), new MemoryParamStore(), new OpenAuthoriser(), clock);
    }

    @Test void historySendsEachMatchingStreamAddressesLastSamplesOldestFirstAfterTheSnapshot() {
        restart(TestSettings.defaults().streamHistoryDepth(4));
        TestClient w = client();
        for (int i = 1; i <= 6; i++) w.send(stream("/h/a", Value.of((long) i)));
        w.send(stream("/h/b", Value.of(1.0)));
        w.send(samples(9L, 1, 2));   // /s/x: not under /h
        w.send(PublishMessage.event("/h/e", Value.of(1L)));   // events are not kept
        w.send(new SetMessage("/h/p", Value.of(1L)));

        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/h/**", Set.of(), history(3)));
        List<Message> got = sub.take();
        assertThat(got).hasSize(5);
        assertThat(got.get(0)).isInstanceOf(SnapshotMessage.class);
        assertThat(got.subList(1, 5)).containsExactly(stream("/h/a", Value.of(4L)), stream("/h/a", Value.of(5L)),
                stream("/h/a", Value.of(6L)), stream("/h/b", Value.of(1.0)));

        sub.send(new SubscribeMessage(2, "/h/*", Set.of(), history(100)));   // no more than the depth
        assertThat(sub.take()).hasSize(1 + 4 + 1);
        sub.send(new SubscribeMessage(3, "/h/**", Set.of(SignalType.PARAM), history(3)));   // no streams wanted
        assertThat(sub.take()).hasSize(1);
        sub.send(new SubscribeMessage(4, "/h/**"));   // no history asked
        assertThat(sub.take()).hasSize(1);
        sub.send(new SubscribeMessage(5, "/s/*", Set.of(), history(1)));
        assertThat(sub.take()).containsExactly(samples(9L, 1, 2));   // the frame it was
    }

    @Test void historyIsBoundedInAddressesAndOffWithDepth0() {
        restart(TestSettings.defaults().streamHistoryAddresses(2));
        TestClient w = client();
        for (String a : List.of("/h/a", "/h/b", "/h/c")) w.send(stream(a, Value.of(1L)));
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/h/*", Set.of(), history(16)));
        assertThat(sub.take()).containsExactly(stream("/h/a", Value.of(1L)), stream("/h/b", Value.of(1L)));

        restart(TestSettings.defaults().streamHistoryDepth(0));
        TestClient w2 = client();
        w2.send(stream("/h/a", Value.of(1L)));
        TestClient sub2 = client();
        sub2.send(new SubscribeMessage(1, "/h/*", Set.of(), history(16)));
        assertThat(sub2.take()).isEmpty();
    }

    @Test void theDefaultHistoryKeepsSixteenSamples() {
        for (int i = 0; i < 20; i++) writer.send(stream(i));
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/s/x", Set.of(), history(1_000)));
        List<Message> got = sub.take();
        assertThat(got).hasSize(16);
        assertThat(got.get(0)).isEqualTo(stream(4));
        assertThat(got.get(15)).isEqualTo(stream(19));
    }

    // ---- lifetime, several subscriptions

    @Test void whatASubscriptionHeldBackGoesWithItAndItsSession() {
        TestClient sub = subscriber("/s/**", new SubscribeOptions(10L, null, null, null));
        TestClient win = subscriber("/s/**", window(100));
        writer.send(stream(1));
        writer.send(stream(2));   // held by sub; win holds both
        assertThat(clock.pending()).isEqualTo(2);
        sub.send(new UnsubscribeMessage(1));
        win.disconnect();
        assertThat(clock.pending()).isZero();
        ms(1_000);
        assertThat(sub.take()).containsExactly(stream(1));
        assertThat(win.take()).isEmpty();
    }

    @Test void aSessionGetsAMessageOnceWhenAnyOfItsSubscriptionsLetsItThroughAndAgainAtAnotherOnesTrailingEdge() {
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/s/**"));
        c.send(new SubscribeMessage(2, "/s/x", Set.of(), maxRate(10)));
        c.take();
        writer.send(stream(1));
        writer.send(stream(2));
        assertThat(c.take()).containsExactly(stream(1), stream(2));
        ms(100);
        assertThat(c.take()).containsExactly(stream(2));   // subscription 2's trailing edge
    }

    @Test void optionsOnlyHistoryKeepNoStatePerAddress() {
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/s/**", Set.of(), new SubscribeOptions(0L, 0.0, 4L, 0L)));
        c.take();
        writer.send(stream(1));
        writer.send(stream(1));
        assertThat(c.take()).containsExactly(stream(1), stream(1));
        assertThat(clock.pending()).isZero();
    }
}
