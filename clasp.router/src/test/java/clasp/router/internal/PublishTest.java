package clasp.router.internal;
import clasp.router.internal.delivery.OutboundQos;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** router-semantics §7.1–7.2 PUBLISH, §10 outbound QoS, §15 P2P signalling, D8. */
class PublishTest extends RouterTestSupport {
    private static PublishMessage publish(String address, SignalType type, Value value) {
        return new PublishMessage(address, type, value, null, null, null, GesturePhase.START, null);
    }

    @Test void aPublishGoesToSubscribersButNotItsSenderAndIsNeverStored() {
        TestClient sender = client();
        TestClient sub = client();
        sender.send(new SubscribeMessage(1, "/**"));
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(Frame.of(PublishMessage.event("/e", Value.of("x")), QoS.FIRE));
        assertThat(sub.takeHex()).containsExactly("53 41 00 0B 20 20 00 02 2F 65 01 08 00 01 78");   // A.2, QoS confirm
        assertThat(sender.take()).isEmpty();
        sender.send(new GetMessage("/e"));
        assertThat(sender.take()).isEmpty();
        assertThat(router.param("/e")).isEmpty();
    }

    @Test void streamSamplesRateTimestampAndIdAreForwardedAsReceived() {
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/s"));
        PublishMessage stream = new PublishMessage("/s", SignalType.STREAM, null, new double[] {0.5, -1.5}, 123L, 7L,
                GesturePhase.START, 100L);
        sender.send(stream);
        List<Frame> got = sub.takeFrames();
        assertThat(got).singleElement().isEqualTo(new Frame(stream, QoS.FIRE, null));
    }

    @Test void aTimelinePublishIsForwardedWithoutValueAtQosCommit() {
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/tl"));
        PublishMessage tl = new PublishMessage("/tl", SignalType.TIMELINE, null, null, 5L, null, GesturePhase.START, null);
        sender.send(tl);
        assertThat(sub.takeFrames()).containsExactly(new Frame(tl, QoS.COMMIT, null));
    }

    @Test void forwardedFramesGetTheRouterQosNotTheSendersAndNoFrameTimestamp() {
        TestClient sender = client();
        TestClient sub = client();
        sub.send(new SubscribeMessage(1, "/**"));
        sender.send(new Frame(new SetMessage("/q", Value.of(1L)), QoS.COMMIT, 99L));
        sender.send(new Frame(publish("/q", SignalType.EVENT, Value.of(1L)), QoS.FIRE, 99L));
        sender.send(new Frame(publish("/q", SignalType.PARAM, Value.of(1L)), QoS.FIRE, null));
        sender.send(new Frame(publish("/q", SignalType.STREAM, Value.of(1L)), QoS.COMMIT, null));
        sender.send(new Frame(new PublishMessage("/q", SignalType.GESTURE, Value.of(1L), null, null, 1L, GesturePhase.START, null), QoS.COMMIT, null));
        assertThat(sub.takeFrames()).extracting(Frame::qos, Frame::timestamp).containsExactly(
                org.assertj.core.groups.Tuple.tuple(QoS.CONFIRM, null), org.assertj.core.groups.Tuple.tuple(QoS.CONFIRM, null),
                org.assertj.core.groups.Tuple.tuple(QoS.CONFIRM, null), org.assertj.core.groups.Tuple.tuple(QoS.FIRE, null),
                org.assertj.core.groups.Tuple.tuple(QoS.FIRE, null));
    }

    @Test void directRepliesGoOutAtQosFireWithVersionBits1() {
        TestClient c = connect();
        c.send(new HelloMessage(1, Set.of(), "q", null));
        c.send(new SetMessage("/q", Value.of(1L)));
        c.send(new GetMessage("/q"));
        c.send(new SubscribeMessage(1, "bad"));
        c.send(new PingMessage());
        c.send(new SyncMessage(1, null, null));
        c.send(new AnnounceMessage("/ns", List.of()));
        c.send(new QueryMessage("/**"));
        List<byte[]> frames = List.copyOf(c.conn.sent);
        assertThat(c.take()).extracting(Message::type).containsExactly(MessageType.WELCOME, MessageType.SNAPSHOT,
                MessageType.ACK, MessageType.SNAPSHOT, MessageType.ERROR, MessageType.PONG, MessageType.SYNC,
                MessageType.ACK, MessageType.RESULT);
        assertThat(frames).allSatisfy(f -> assertThat(f[1]).isEqualTo((byte) 0x01));
    }

    @Test void theOutboundQosOfEveryMessageType() {
        assertThat(OutboundQos.of(new SetMessage("/a", Value.of(1L)))).isEqualTo(QoS.CONFIRM);
        assertThat(OutboundQos.of(new SubscribeMessage(1, "/a"))).isEqualTo(QoS.CONFIRM);
        assertThat(OutboundQos.of(new UnsubscribeMessage(1))).isEqualTo(QoS.CONFIRM);
        assertThat(OutboundQos.of(new BundleMessage(null, List.of()))).isEqualTo(QoS.COMMIT);
        for (SignalType t : SignalType.values()) {
            QoS expected = t == SignalType.PARAM || t == SignalType.EVENT ? QoS.CONFIRM
                    : t == SignalType.TIMELINE ? QoS.COMMIT : QoS.FIRE;
            assertThat(OutboundQos.of(publish("/a", t, null))).as(t.name()).isEqualTo(expected);
        }
        assertThat(OutboundQos.of(PongMessage.INSTANCE)).isEqualTo(QoS.FIRE);
        assertThat(OutboundQos.of(new AckMessage(null, null, null, null, null))).isEqualTo(QoS.FIRE);
    }

    // ---- §15 P2P

    @Test void aP2pSignalGoesOnlyToItsTargetSessionWithoutASubscription() {
        TestClient a = client();
        TestClient b = client();
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/clasp/**"));
        a.send(new SubscribeMessage(1, "/clasp/**"));
        PublishMessage offer = PublishMessage.event("/clasp/p2p/signal/" + b.session, Value.of("offer"));
        a.send(offer);
        assertThat(b.take()).containsExactly(offer);
        assertThat(a.take()).containsExactly(ack(offer));
        assertThat(watcher.take()).isEmpty();
    }

    @Test void aP2pSignalToAnUnknownSessionGets404() {
        TestClient a = client();
        a.send(PublishMessage.event("/clasp/p2p/signal/nobody", Value.of("offer")));
        assertThat(a.take()).containsExactly(new ErrorMessage(404, "Target session not found: nobody", "/clasp/p2p/signal/nobody", null));
    }

    @Test void otherP2pAddressesAreOrdinaryPublishes() {
        TestClient a = client();
        TestClient watcher = client();
        watcher.send(new SubscribeMessage(1, "/clasp/**"));
        PublishMessage empty = PublishMessage.event("/clasp/p2p/signal/", Value.of(1L));
        PublishMessage nested = PublishMessage.event("/clasp/p2p/signal/" + watcher.session + "/x", Value.of(2L));
        PublishMessage other = PublishMessage.event("/clasp/p2p/other", Value.of(3L));
        a.send(empty);
        a.send(nested);
        a.send(other);
        assertThat(a.take()).containsExactly(ack(empty), ack(nested), ack(other));
        assertThat(watcher.take()).containsExactly(empty, nested, other);
    }

    @Test void aP2pAnnounceReachesSubscribersWhateverTheirTypeFilterButNotTheSender() {
        TestClient a = client();
        TestClient params = client();
        a.send(new SubscribeMessage(1, "/clasp/**"));
        params.send(new SubscribeMessage(1, "/clasp/**", Set.of(SignalType.PARAM), null));
        PublishMessage announce = PublishMessage.event("/clasp/p2p/announce", Value.of("hi"));
        a.send(announce);
        assertThat(params.take()).containsExactly(announce);
        assertThat(a.take()).containsExactly(ack(announce));
    }

    /** What the sender of an event at its default QoS (confirm) gets back: the ACK, never the event. */
    private static AckMessage ack(PublishMessage p) { return new AckMessage(p.address(), null, null, null, null); }
}
