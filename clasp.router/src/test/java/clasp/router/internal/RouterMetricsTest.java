package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.MessageType;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import clasp.api.router.RouterMetrics;
import clasp.api.router.RouterMetrics.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Router.metrics(): frames and bytes by message type, deliveries, drops and coalescing by reason, ERROR codes, locks. */
class RouterMetricsTest extends RouterTestSupport {
    private static final Map<String, Long> NO_DROPS = Map.of("congested", 0L, "epsilon", 0L, "local-queue", 0L);
    private static final Map<String, Long> NOTHING_COALESCED = Map.of("congested", 0L, "gesture", 0L, "max-rate", 0L);

    /** A handshaken client whose connection keeps everything the router sent, WELCOME included. */
    private TestClient greeted(String name) {
        TestClient c = connect();
        c.send(new HelloMessage(1, Set.of(Feature.PARAM), name, null));
        return c;
    }

    /** What {@code clients} were sent of {@code type}: frames and bytes, read from each frame's type byte. */
    private static long[] sentOf(MessageType type, TestClient... clients) {
        long frames = 0;
        long bytes = 0;
        for (TestClient c : clients) {
            synchronized (c.conn) {
                for (byte[] f : c.conn.sent) {
                    int header = (f[1] & 0x20) != 0 ? 12 : 4;
                    if ((f[header] & 0xFF) != type.code()) continue;
                    frames++;
                    bytes += f.length;
                }
            }
        }
        return new long[] {frames, bytes};
    }

    @Test void everyTypeIsListedAndNothingCountedBeforeTraffic() {
        RouterMetrics m = router.metrics();
        List<String> types = new ArrayList<>();
        for (MessageType t : MessageType.values()) types.add(t.name());
        types.add("UNKNOWN");
        assertThat(m.traffic().keySet()).containsExactlyElementsOf(types);
        assertThat(m.traffic().values()).containsOnly(new Traffic(0, 0, 0, 0));
        assertThat(m.drops()).isEqualTo(NO_DROPS);
        assertThat(m.coalesced()).isEqualTo(NOTHING_COALESCED);
        assertThat(m.errors()).isEmpty();
        assertThat(m.refusals()).containsEntry("session-limit", 0L).containsEntry("auth-failed", 0L);
        assertThat(m.handshakes()).isZero();
        assertThat(m.deliveries()).isZero();
    }

    @Test void framesAndBytesByTypeHandshakesDeliveriesAndErrorCodes() {
        TestClient a = greeted("a");
        TestClient b = greeted("b");
        a.send(new SubscribeMessage(1, "/m/**"));
        long setBytes = 0;
        for (int i = 1; i <= 3; i++) {
            byte[] set = TestClient.encode(Frame.of(new SetMessage("/m/" + i, Value.of((long) i))));
            setBytes += set.length;
            b.raw(set);
        }
        b.hex("53 01 00 01 7F");   // 0x7F is no message type: ERROR 101

        RouterMetrics m = router.metrics();
        long[] setsOut = sentOf(MessageType.SET, a, b);
        assertThat(setsOut[0]).isEqualTo(3);
        assertThat(m.traffic().get("SET")).isEqualTo(new Traffic(3, setBytes, 3, setsOut[1]));
        assertThat(m.traffic().get("HELLO").framesIn()).isEqualTo(2);
        assertThat(m.traffic().get("SUBSCRIBE").framesIn()).isEqualTo(1);
        assertThat(m.traffic().get("WELCOME").framesOut()).isEqualTo(2);
        assertThat(m.traffic().get("ACK").framesOut()).isEqualTo(3);
        assertThat(m.traffic().get("UNKNOWN")).isEqualTo(new Traffic(1, 5, 0, 0));
        assertThat(m.traffic().get("ERROR").framesOut()).isEqualTo(1);
        assertThat(m.errors()).isEqualTo(Map.of(101, 1L));
        assertThat(m.handshakes()).isEqualTo(2);
        assertThat(m.deliveries()).isEqualTo(3);
        assertThat(m.sessions()).isEqualTo(2);
        assertThat(m.params()).isEqualTo(3);
        for (MessageType t : MessageType.values()) {   // every frame sent is counted under its own type, bytes exact
            long[] sent = sentOf(t, a, b);
            assertThat(m.traffic().get(t.name()).framesOut()).as(t.name()).isEqualTo(sent[0]);
            assertThat(m.traffic().get(t.name()).bytesOut()).as(t.name()).isEqualTo(sent[1]);
        }
        long framesIn = m.traffic().values().stream().mapToLong(Traffic::framesIn).sum();
        assertThat(framesIn).isEqualTo(router.stats().framesIn()).isEqualTo(7);
    }

    @Test void aCongestedSubscriberDropsEventsAndCoalescesSets() {
        TestClient slow = client();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        TestClient writer = client();
        writer.send(PublishMessage.event("/e", Value.of(1L)));   // not a SET: dropped
        writer.send(new SetMessage("/p", Value.of(1L)));          // held
        writer.send(new SetMessage("/p", Value.of(2L)));          // replaces the held one

        RouterMetrics m = router.metrics();
        assertThat(m.drops()).isEqualTo(Map.of("congested", 1L, "epsilon", 0L, "local-queue", 0L));
        assertThat(m.coalesced()).isEqualTo(Map.of("congested", 1L, "gesture", 0L, "max-rate", 0L));
        assertThat(m.deliveries()).isEqualTo(3);
        assertThat(router.stats().deliveriesDropped()).isEqualTo(1);
    }

    @Test void epsilonDropsAndMaxRateCoalescingAreCounted() {
        TestClient writer = client();
        TestClient near = client();
        near.send(new SubscribeMessage(1, "/p/**", Set.of(), new SubscribeOptions(null, 1.0, null, null)));
        writer.send(new SetMessage("/p/a", Value.of(10.0)));
        writer.send(new SetMessage("/p/a", Value.of(10.5)));   // within epsilon of 10.0: dropped
        TestClient rated = client();
        rated.send(new SubscribeMessage(1, "/r/**", Set.of(), new SubscribeOptions(1L, null, null, null)));
        writer.send(new SetMessage("/r/a", Value.of(1L)));     // leaves
        writer.send(new SetMessage("/r/a", Value.of(2L)));     // held for the trailing edge
        writer.send(new SetMessage("/r/a", Value.of(3L)));     // replaces it

        RouterMetrics m = router.metrics();
        assertThat(m.drops()).isEqualTo(Map.of("congested", 0L, "epsilon", 1L, "local-queue", 0L));
        assertThat(m.coalesced()).isEqualTo(Map.of("congested", 0L, "gesture", 0L, "max-rate", 1L));
    }

    @Test void gestureMovesReplacedByNewerOnesAreCoalesced() {
        restart(TestSettings.defaults().gestureCoalesceIntervalMs(0));
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/pad", Set.of(SignalType.GESTURE), null));
        sender.send(gesture(GesturePhase.START));
        for (int i = 0; i < 5; i++) sender.send(gesture(GesturePhase.MOVE));
        sender.send(gesture(GesturePhase.END));
        assertThat(router.metrics().coalesced()).containsEntry("gesture", 4L);
        assertThat(router.metrics().deliveries()).isEqualTo(3);
    }

    private static PublishMessage gesture(GesturePhase phase) {
        return new PublishMessage("/pad", SignalType.GESTURE, Value.of(1.0), null, null, 1L, phase, null);
    }

    @Test void locksHeldNowAreCounted() {
        TestClient c = client();
        c.send(new SetMessage("/l/a", Value.of(1L), null, true, false, null));
        c.send(new SetMessage("/l/b", Value.of(1L), null, true, false, null));
        c.send(new SetMessage("/l/c", Value.of(1L)));
        assertThat(router.metrics().locks()).isEqualTo(2);
        c.send(new SetMessage("/l/a", Value.of(2L), null, false, true, null));
        assertThat(router.metrics().locks()).isEqualTo(1);
        c.disconnect();
        assertThat(router.metrics().locks()).isZero();
    }
}
