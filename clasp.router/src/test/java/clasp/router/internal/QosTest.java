package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Acknowledged QoS: which writes are ACKed at Fire, Confirm and Commit, and Commit's durability before the ACK. */
class QosTest extends RouterTestSupport {
    private static final String ACK_E = "53 01 00 06 50 01 00 02 2F 65";   // ACK {address "/e"}
    private static final String ACK_NO_FIELDS = "53 01 00 02 50 00";
    private static final PublishMessage EVENT = PublishMessage.event("/e", Value.of(1L));

    @Test void aPublishAtConfirmOrCommitIsAckedWithItsAddressAndAtFireOrQos3IsNot() {
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(Frame.of(EVENT, QoS.FIRE));
        assertThat(sender.takeHex()).isEmpty();
        sender.send(Frame.of(EVENT, QoS.CONFIRM));
        assertThat(sender.takeHex()).containsExactly(ACK_E);
        sender.send(Frame.of(EVENT, QoS.COMMIT));
        assertThat(sender.takeHex()).containsExactly(ACK_E);
        byte[] qos3 = TestClient.encode(Frame.of(EVENT, QoS.FIRE));
        qos3[1] = (byte) 0xC1;   // QoS 3 (reserved) reads as Fire
        sender.raw(qos3);
        assertThat(sender.takeHex()).isEmpty();
        assertThat(sub.take()).containsExactly(EVENT, EVENT, EVENT, EVENT);
    }

    @Test void streamsAndGesturesFollowTheSameRule() {
        TestClient sender = client();
        PublishMessage stream = new PublishMessage("/s", SignalType.STREAM, Value.of(0.5), null, null, null, GesturePhase.START, null);
        sender.send(Frame.of(stream, QoS.FIRE));
        sender.send(Frame.of(stream, QoS.CONFIRM));
        assertThat(sender.take()).containsExactly(new AckMessage("/s", null, null, null, null));
    }

    @Test void aBundleAtFireIsAppliedWithoutAckAndAtConfirmOrCommitIsAckedAsBefore() {
        TestClient sender = client();
        sender.send(Frame.of(new BundleMessage(null, List.of(new SetMessage("/b", Value.of(1L)))), QoS.FIRE));
        assertThat(sender.take()).isEmpty();
        assertThat(router.param("/b").orElseThrow().revision()).isEqualTo(1);
        sender.send(Frame.of(new BundleMessage(null, List.of(new SetMessage("/b", Value.of(2L)))), QoS.CONFIRM));
        sender.send(Frame.of(new BundleMessage(null, List.of(new SetMessage("/b", Value.of(3L)))), QoS.COMMIT));
        sender.send(Frame.of(new BundleMessage(null, List.of(EVENT)), QoS.CONFIRM));
        assertThat(sender.takeHex()).containsExactly("53 01 00 0A 50 02 00 00 00 00 00 00 00 02",
                "53 01 00 0A 50 02 00 00 00 00 00 00 00 03", ACK_NO_FIELDS);
    }

    @Test void aSetIsAckedAtEveryQos() {
        TestClient sender = client();
        for (QoS q : QoS.values()) sender.send(Frame.of(new SetMessage("/a", Value.of(1L)), q));
        sender.hex("53 C1 00 0E 21 05 00 02 2F 61 00 00 00 00 00 00 00 01");   // QoS 3
        assertThat(sender.take()).containsExactly(new AckMessage("/a", 1L, null, null, null), new AckMessage("/a", 2L, null, null, null),
                new AckMessage("/a", 3L, null, null, null), new AckMessage("/a", 4L, null, null, null));
    }

    @Test void aConnectionThatTakesTheWritersQosGetsItAndEveryOtherGetsTheRoutersOwn() throws Exception {
        TestClient plain = client();
        TestClient mqttLike = connect();
        mqttLike.conn.writerQos = true;
        mqttLike.hello();
        plain.send(new SubscribeMessage(1, "/w/**"));
        mqttLike.send(new SubscribeMessage(1, "/w/**"));
        plain.take();
        mqttLike.take();
        TestClient writer = client();
        SetMessage set = new SetMessage("/w/a", Value.of(1L));
        PublishMessage event = PublishMessage.event("/w/e", Value.of(2L));
        writer.send(Frame.of(set, QoS.FIRE));
        writer.send(Frame.of(event, QoS.COMMIT));
        writer.send(Frame.of(event, QoS.CONFIRM));
        try (var api = router.openSession("api", false)) {
            api.set("/w/b", Value.of(3L));   // no writer's frame: the router's QoS for everyone
        }
        List<QoS> plainQos = plain.takeFrames().stream().map(Frame::qos).toList();
        List<Frame> mqttFrames = mqttLike.takeFrames();
        assertThat(plainQos).containsExactly(QoS.CONFIRM, QoS.CONFIRM, QoS.CONFIRM, QoS.CONFIRM);
        assertThat(mqttFrames.stream().map(Frame::qos).toList()).containsExactly(QoS.FIRE, QoS.COMMIT, QoS.CONFIRM, QoS.CONFIRM);
        assertThat(mqttFrames.stream().map(Frame::message).toList()).containsExactly(
                new SetMessage("/w/a", Value.of(1L), 1L), event, event,
                new SetMessage("/w/b", Value.of(3L), 1L));
    }

    @Test void errorsAreSentAtEveryQosAndNoAckFollowsThem() {
        TestClient sender = client();
        sender.send(Frame.of(PublishMessage.event("/clasp/p2p/signal/nobody", Value.of(1L)), QoS.FIRE));
        assertThat(sender.take()).containsExactly(new ErrorMessage(404, "Target session not found: nobody", "/clasp/p2p/signal/nobody", null));
    }

    // ---- Commit and a durable store

    /** A durable store (an in-memory one that says it is) recording each sync with the frames its sender had by then. */
    static final class DurableStore implements ParamStore {
        final MemoryParamStore inner = new MemoryParamStore();
        final List<Integer> syncs = new ArrayList<>();
        TestConnection watched;
        boolean durable = true;
        RuntimeException failure;

        @Override public ParamRecord get(String address) { return inner.get(address); }
        @Override public boolean compareAndSet(ParamRecord expected, ParamRecord next) { return inner.compareAndSet(expected, next); }
        @Override public void scan(String prefix, Consumer<ParamRecord> each) { inner.scan(prefix, each); }
        @Override public int size() { return inner.size(); }
        @Override public void attach(ParamChanges changes) { }
        @Override public void detach() { }
        @Override public boolean durable() { return durable; }

        @Override public void sync() {
            syncs.add(watched.sent.size());
            if (failure != null) throw failure;
        }
    }

    private final DurableStore store = new DurableStore();
    private final RouterCore core = new RouterCore(RouterSettings.defaults(), store, new OpenAuthoriser(), new ManualClock());

    private TestClient durableClient() {
        TestClient c = new TestClient(core).hello();
        store.watched = c.conn;
        return c;
    }

    @Test void atCommitADurableStoreSyncsAfterTheWriteAndBeforeTheAck() {
        TestClient c = durableClient();
        c.send(Frame.of(new SetMessage("/d", Value.of(1L)), QoS.COMMIT));
        assertThat(store.syncs).containsExactly(0);   // synced while the sender had no ACK yet
        assertThat(store.get("/d").revision()).isEqualTo(1);
        assertThat(c.take()).containsExactly(new AckMessage("/d", 1L, null, null, null));
        c.send(Frame.of(new BundleMessage(null, List.of(new SetMessage("/d", Value.of(2L)))), QoS.COMMIT));
        assertThat(store.syncs).containsExactly(0, 0);
        assertThat(c.take()).containsExactly(new AckMessage(null, 2L, null, null, null));
    }

    @Test void belowCommitOrWithNothingStoredThereIsNoSync() {
        TestClient c = durableClient();
        c.send(Frame.of(new SetMessage("/d", Value.of(1L)), QoS.CONFIRM));
        c.send(Frame.of(new BundleMessage(null, List.of(new SetMessage("/d", Value.of(2L)))), QoS.CONFIRM));
        c.send(Frame.of(EVENT, QoS.COMMIT));
        c.send(Frame.of(new BundleMessage(null, List.of(EVENT)), QoS.COMMIT));
        assertThat(store.syncs).isEmpty();
        assertThat(c.take()).hasSize(4);
    }

    @Test void aStoreThatIsNotDurableIsNeverSynced() {
        store.durable = false;
        TestClient c = durableClient();
        c.send(Frame.of(new SetMessage("/d", Value.of(1L)), QoS.COMMIT));
        assertThat(store.syncs).isEmpty();
        assertThat(c.take()).containsExactly(new AckMessage("/d", 1L, null, null, null));
    }

    @Test void aFailedSyncWithholdsTheAckAndGets500() {
        store.failure = new IllegalStateException("disk full");
        TestClient c = durableClient();
        c.send(Frame.of(new SetMessage("/d", Value.of(1L)), QoS.COMMIT));
        assertThat(c.take()).containsExactly(new ErrorMessage(500,
                "Commit failed: the param store could not make the write durable", null, null));
    }
}
