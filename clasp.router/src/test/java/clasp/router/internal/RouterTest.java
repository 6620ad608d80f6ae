package clasp.router.internal;
import clasp.router.internal.clock.Micros;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouterTest {
    private RouterComponent router;

    @BeforeEach void start() {
        router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
    }

    @AfterEach void stop() { router.deactivate(); }

    /** A connected, handshaken client. */
    private final class Client extends TestClient {
        Client() { super(router); }

        @Override Client hello() {
            super.hello();
            return this;
        }
    }

    private static SetMessage set(String a, double v) { return new SetMessage(a, Value.of(v)); }

    @Test void handshakeSendsWelcomeThenSnapshotEvenWhenEmpty() {
        Client c = new Client();
        long before = Micros.now();
        c.send(new HelloMessage(1, Set.of(Feature.PARAM, Feature.EVENT, Feature.STREAM), "CLASP JS Client", null));
        long after = Micros.now();
        List<Frame> frames = c.conn.frames();
        assertThat(frames).hasSize(2);
        WelcomeMessage w = (WelcomeMessage) frames.get(0).message();
        assertThat(w.version()).isEqualTo(1);
        assertThat(w.name()).isEqualTo("CLASP Router");
        assertThat(w.session()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(w.token()).isNull();
        assertThat(w.features()).containsExactlyInAnyOrder(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);
        assertThat(w.time()).isBetween(before, after);   // the router's clock, read while it answered
        assertThat(frames.get(0).qos()).isEqualTo(QoS.FIRE);
        assertThat(frames.get(1).message()).isEqualTo(new SnapshotMessage(List.of()));
    }

    @Test void aFirstFrameThatIsNotHelloClosesWithoutReply() {
        Client c = new Client();
        c.send(set("/a", 1));
        assertThat(c.conn.sent).isEmpty();
        assertThat(c.conn.closeCode).isNotNull();
        Client bad = new Client();
        bad.raw(new byte[] {0x52, 1, 0, 1, 0x41});
        assertThat(bad.conn.sent).isEmpty();
        assertThat(bad.conn.closeCode).isNotNull();
    }

    @Test void setIsAckedWithRevisionsAndGetReturnsTheEntry() {
        Client c = new Client().hello();
        c.send(set("/a", 0.5));
        c.send(set("/a", 0.75));
        assertThat(c.take()).containsExactly(new AckMessage("/a", 1L, null, null, null), new AckMessage("/a", 2L, null, null, null));
        c.send(new GetMessage("/a"));
        SnapshotMessage s = (SnapshotMessage) c.take().get(0);
        assertThat(s.params()).hasSize(1);
        ParamEntry e = s.params().get(0);
        assertThat(e.address()).isEqualTo("/a");
        assertThat(e.value()).isEqualTo(Value.of(0.75));
        assertThat(e.revision()).isEqualTo(2);
        assertThat(e.writer()).isEqualTo(c.session);
        c.send(new GetMessage("/missing"));
        assertThat(c.take()).isEmpty();
    }

    @Test void subscriberGetsExactSetFrameAndSenderSeesItsEchoBeforeTheAck() throws Exception {
        Client sub = new Client().hello();
        Client pub = new Client().hello();
        sub.send(new SubscribeMessage(1, "/lights/*"));
        pub.send(new SubscribeMessage(7, "/lights/**"));
        assertThat(sub.take()).isEmpty();   // nothing stored yet: no snapshot
        pub.send(set("/lights/1", 0.25));
        byte[] expected = ClaspCodec.defaults().encode(new Frame(new SetMessage("/lights/1", Value.of(0.25), 1L), QoS.CONFIRM, null));
        assertThat(sub.conn.sent).hasSize(1);
        assertThat(sub.conn.sent.get(0)).isEqualTo(expected);
        assertThat(pub.take()).containsExactly(new SetMessage("/lights/1", Value.of(0.25), 1L), new AckMessage("/lights/1", 1L, null, null, null));
        pub.send(set("/lights/1/deep", 1));
        assertThat(sub.take()).hasSize(1).allMatch(m -> ((SetMessage) m).address().equals("/lights/1"));
    }

    @Test void lateSubscriberGetsSnapshotOfMatchingParams() {
        Client w = new Client().hello();
        w.send(set("/chat", 1));
        w.send(set("/chat/a", 2));
        Client late = new Client().hello();
        late.send(new SubscribeMessage(1, "/chat/**"));
        SnapshotMessage s = (SnapshotMessage) late.take().get(0);
        assertThat(s.params()).extracting(ParamEntry::address).containsExactly("/chat/a");   // M2: /chat/** excludes /chat
        w.send(set("/chat", 3));
        assertThat(late.take()).extracting(m -> ((SetMessage) m).address()).containsExactly("/chat");   // M1 delivers it
    }

    @Test void revisionConflictAndLocksGiveTheReferenceErrorTexts() {
        Client a = new Client().hello();
        Client b = new Client().hello();
        a.send(new SetMessage("/m", Value.of(1.0), null, true, false, null));
        a.take();
        b.send(new SetMessage("/m", Value.of(2.0), 5L));
        assertThat(b.take()).containsExactly(new ErrorMessage(400, "RevisionConflict { expected: 5, actual: 1 }", "/m", null));
        b.send(set("/m", 2));
        ErrorMessage held = new ErrorMessage(400, "LockHeld { holder: \"" + a.session + "\" }", "/m", null);
        assertThat(b.take()).containsExactly(held);
        b.send(new SetMessage("/m", Value.of(2.0), null, false, true, null));   // a non-holder's unlock does not bypass
        assertThat(b.take()).containsExactly(held);
        a.handler.closed();
        b.send(set("/m", 3));
        assertThat(b.take()).containsExactly(new AckMessage("/m", 2L, null, null, null));
    }

    @Test void publishGoesToMatchingTypesAndNotToTheSender() {
        Client sender = new Client().hello();
        Client events = new Client().hello();
        Client params = new Client().hello();
        sender.send(new SubscribeMessage(1, "/e/**"));
        events.send(new SubscribeMessage(1, "/e/**", Set.of(SignalType.EVENT), null));
        params.send(new SubscribeMessage(1, "/e/**", Set.of(SignalType.PARAM), null));
        PublishMessage p = PublishMessage.event("/e/go", Value.of("x"));
        sender.send(p);   // an event at its default QoS, confirm: the sender gets its ACK, not the event
        assertThat(events.take()).containsExactly(p);
        assertThat(params.take()).isEmpty();
        assertThat(sender.take()).containsExactly(new AckMessage("/e/go", null, null, null, null));
        PublishMessage g = new PublishMessage("/e/t", SignalType.GESTURE, Value.of(1.0), null, null, 3L, GesturePhase.MOVE, null);
        sender.send(g);
        assertThat(events.take()).isEmpty();
        assertThat(router.param("/e/go")).isEmpty();   // never stored
    }

    private static PublishMessage gesture(long id, GesturePhase phase, double v) {
        return new PublishMessage("/pad/xy", SignalType.GESTURE, Value.of(v), null, null, id, phase, null);
    }

    @Test void gestureMovesAreCoalescedToTheLatestBeforeTheEndAndNeverReachTheSender() {
        router.deactivate();
        router = new RouterComponent();   // no timer flush mid-stream, however slow the run
        router.startStandalone(TestSettings.defaults().gestureCoalesceIntervalMs(600_000).build());
        Client sender = new Client().hello();
        Client sub = new Client().hello();
        sender.send(new SubscribeMessage(1, "/pad/**"));
        sub.send(new SubscribeMessage(1, "/pad/**", Set.of(SignalType.GESTURE), null));
        sender.send(gesture(5, GesturePhase.START, 0));
        for (int i = 1; i <= 200; i++) sender.send(gesture(5, GesturePhase.MOVE, i));
        sender.send(gesture(5, GesturePhase.END, 201));
        assertThat(sub.take()).containsExactly(gesture(5, GesturePhase.START, 0), gesture(5, GesturePhase.MOVE, 200),
                gesture(5, GesturePhase.END, 201));
        Awaitility.await().during(100, TimeUnit.MILLISECONDS).atMost(30, TimeUnit.SECONDS)
                .until(() -> sender.conn.messages().isEmpty());
    }

    @Test void aHeldMoveLeavesOnceMovesPause() {
        Client sender = new Client().hello();
        Client sub = new Client().hello();
        sub.send(new SubscribeMessage(1, "/pad/**"));
        sender.send(gesture(1, GesturePhase.START, 0));
        sender.send(gesture(1, GesturePhase.MOVE, 1));
        sender.send(gesture(1, GesturePhase.MOVE, 2));
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> sub.conn.messages().size() == 2);
        assertThat(sub.take()).containsExactly(gesture(1, GesturePhase.START, 0), gesture(1, GesturePhase.MOVE, 2));
    }

    @Test void aConfigurationChangeAppliesLiveAndKeepsSessionsParamsAndSubscriptions() {
        Client writer = new Client().hello();
        Client sub = new Client().hello();
        sub.send(new SubscribeMessage(1, "/live/**"));
        writer.send(set("/live/a", 1));
        writer.take();
        sub.take();
        router.reconfigure(TestSettings.defaults().maxSignals(0).gestureCoalescing(false).build());
        writer.send(set("/live/a", 2));   // same sessions, same param, next revision
        assertThat(writer.take()).containsExactly(new AckMessage("/live/a", 2L, null, null, null));
        assertThat(sub.take()).containsExactly(new SetMessage("/live/a", Value.of(2.0), 2L, false, false, null));
        writer.send(new AnnounceMessage("/live", List.of(new SignalDefinition("/live/x", SignalType.EVENT, null, null, null))));
        assertThat(writer.take()).containsExactly(new ErrorMessage(429, "Signal limit reached (max 0)", "/live", null));
        writer.send(gesture(1, GesturePhase.START, 0));
        writer.send(gesture(1, GesturePhase.MOVE, 1));   // coalescing now off: forwarded at once
        sub.send(new SubscribeMessage(2, "/pad/**"));
        writer.send(gesture(1, GesturePhase.MOVE, 2));
        assertThat(sub.take()).containsExactly(gesture(1, GesturePhase.MOVE, 2));
    }

    @Test void withCoalescingOffEveryMoveIsForwarded() {
        router.deactivate();
        router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().gestureCoalescing(false).build());
        Client sender = new Client().hello();
        Client sub = new Client().hello();
        sub.send(new SubscribeMessage(1, "/pad/**"));
        sender.send(gesture(1, GesturePhase.START, 0));
        sender.send(gesture(1, GesturePhase.MOVE, 1));
        sender.send(gesture(1, GesturePhase.MOVE, 2));
        sender.send(gesture(1, GesturePhase.END, 3));
        assertThat(sub.take()).containsExactly(gesture(1, GesturePhase.START, 0), gesture(1, GesturePhase.MOVE, 1),
                gesture(1, GesturePhase.MOVE, 2), gesture(1, GesturePhase.END, 3));
    }

    @Test void bundleIsAllOrNothing() {
        Client a = new Client().hello();
        a.send(set("/b/1", 1));
        a.take();
        a.send(new BundleMessage(null, List.of(set("/b/2", 2), new SetMessage("/b/1", Value.of(9.0), 7L))));
        assertThat(a.take()).containsExactly(new ErrorMessage(400, "Bundle rejected: RevisionConflict { expected: 7, actual: 1 }", "/b/1", null));
        assertThat(router.param("/b/2")).isEmpty();
        a.send(new BundleMessage(null, List.of(set("/b/2", 2), set("/b/1", 3))));
        assertThat(a.take()).containsExactly(new AckMessage(null, 2L, null, null, null));
        assertThat(router.param("/b/2")).isPresent();
    }

    @Test void malformedFramesAfterHandshakeGetError101AndTheConnectionStays() {
        Client c = new Client().hello();
        c.raw(new byte[] {0x53, 1, 0, 3, 0x21, 0x07, 0x00});
        List<Message> m = c.take();
        assertThat(m).hasSize(1);
        assertThat(((ErrorMessage) m.get(0)).code()).isEqualTo(101);
        assertThat(((ErrorMessage) m.get(0)).message()).startsWith("Invalid message: TRUNCATED");
        assertThat(c.conn.closeCode).isNull();
        c.send(new PingMessage());
        assertThat(c.take()).containsExactly(PongMessage.INSTANCE);
        for (int i = 0; i < 25; i++) c.raw(new byte[] {0x53, 1, 0, 1, 0x7f});
        assertThat(c.conn.closeCode).isNotNull();
    }

    @Test void subscribeChecksPatternAndLimit() {
        Client c = new Client().hello();
        c.send(new SubscribeMessage(1, "/a//b"));
        assertThat(c.take()).containsExactly(new ErrorMessage(202, "invalid address: empty segment in address: /a//b", "/a//b", null));
        for (int i = 0; i < 1000; i++) c.send(new SubscribeMessage(i, "/s/" + i));
        c.send(new SubscribeMessage(5000, "/x"));
        assertThat(c.take()).containsExactly(new ErrorMessage(429, "Subscription limit reached (max 1000)", "/x", null));
    }

    @Test void syncPingAnnounceQuery() {
        Client c = new Client().hello();
        c.send(new SyncMessage(1000, null, null));
        SyncMessage s = (SyncMessage) c.take().get(0);
        assertThat(s.t1()).isEqualTo(1000);
        assertThat(s.t2()).isEqualTo(s.t3()).isNotNull();
        c.send(new AnnounceMessage("/synth", List.of(new SignalDefinition("/synth/cutoff", SignalType.PARAM))));
        assertThat(c.take()).containsExactly(new AckMessage("/synth", null, null, null, null));
        c.send(new QueryMessage("/synth/*"));
        assertThat(c.take()).containsExactly(new ResultMessage(List.of(new SignalDefinition("/synth/cutoff", SignalType.PARAM))));
    }

    @Test void secondHelloRetiresTheOldSession() {
        Client c = new Client().hello();
        String first = c.session;
        c.send(new SubscribeMessage(1, "/**"));
        c.send(new HelloMessage(1, Set.of(), "again", null));
        List<Message> m = c.take();
        assertThat(((WelcomeMessage) m.get(0)).session()).isNotEqualTo(first);
        Client other = new Client().hello();
        other.send(set("/z", 1));
        assertThat(c.take()).isEmpty();   // the old subscription is gone
    }

    @Test void slowSubscriberGetsLatestValuePerAddressOnceItDrains() {
        Client slow = new Client().hello();
        Client pub = new Client().hello();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        for (int i = 1; i <= 50; i++) pub.send(set("/f/" + (i % 2), i));
        pub.send(PublishMessage.event("/f/e", Value.of(1.0)));
        assertThat(slow.conn.sent).isEmpty();
        slow.conn.writable = true;
        slow.handler.writable();
        assertThat(slow.take()).containsExactly(new SetMessage("/f/1", Value.of(49.0), 25L), new SetMessage("/f/0", Value.of(50.0), 25L));
    }

    @Test void localSessionsDoNotSeeTheirOwnWritesUnlessAsked() throws ClaspException {
        List<Message> quiet = new CopyOnWriteArrayList<>();
        List<Message> echo = new CopyOnWriteArrayList<>();
        try (LocalSession a = router.openSession("a", false); LocalSession b = router.openSession("b", true)) {
            a.subscribe("/l/**", Set.of(), quiet::add);
            b.subscribe("/l/**", Set.of(), echo::add);
            assertThat(a.set("/l/x", Value.of(1L))).isEqualTo(1);
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> echo.size() == 1);
            assertThat(quiet).isEmpty();
            assertThat(b.set("/l/x", Value.of(2L))).isEqualTo(2);
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> quiet.size() == 1 && echo.size() == 2);
            assertThat(a.get("/l/x").orElseThrow().revision()).isEqualTo(2);
        }
    }

    @Test void orderingHoldsForConcurrentWritersOfOneAddress() throws Exception {
        Client sub = new Client().hello();
        sub.send(new SubscribeMessage(1, "/o"));
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            LocalSession s = router.openSession("w" + t, false);
            writers.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    try { s.set("/o", Value.of((long) i)); } catch (ClaspException e) { throw new AssertionError(e); }
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) w.join();
        List<Long> revisions = sub.take().stream().map(m -> ((SetMessage) m).revision()).toList();
        assertThat(revisions).hasSize(2000).isSorted();
        assertThat(revisions.get(1999)).isEqualTo(2000);
    }
}
