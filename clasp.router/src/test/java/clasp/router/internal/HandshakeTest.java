package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** router-semantics §2.3 frame envelope, §3.1 admission, §3.2–3.4 handshake and main loop, D5, D6, D14. */
class HandshakeTest extends RouterTestSupport {
    static final String EMPTY_SNAPSHOT = "53 01 00 03 23 00 00";
    static final String PING = "53 01 00 01 41";
    static final String PONG = "53 01 00 01 42";
    /** A.2: SET "/a" = Int 1, and its ACK {address "/a", revision 1}. */
    static final String SET_A_1 = "53 41 00 0E 21 05 00 02 2F 61 00 00 00 00 00 00 00 01";
    static final String ACK_A_1 = "53 01 00 0E 50 03 00 02 2F 61 00 00 00 00 00 00 00 01";

    @Test void helloGetsWelcomeThenAnEmptySnapshotByteExact() {
        TestClient c = connect();
        c.hex("53 01 00 0C 01 01 C0 00 05 70 72 6F 62 65 00 00");   // A.2: HELLO v1 "probe" [param, event]
        List<String> frames = c.takeHex();
        assertThat(frames).hasSize(2);
        WelcomeMessage w = (WelcomeMessage) TestClient.decode(frames.get(0));
        // version 1; features param, event, stream, gesture, timeline (0xF8); time; session; name; empty token
        assertThat(frames.get(0)).startsWith("53 01 ").contains(" 02 01 F8 ")
                .endsWith(" 00 0C 43 4C 41 53 50 20 52 6F 75 74 65 72 00 00");
        assertThat(frames.get(0)).isEqualTo(TestClient.routerHex(new WelcomeMessage(1,
                Set.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE),
                w.time(), w.session(), "CLASP Router", null)));
        assertThat(w.session()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(frames.get(1)).isEqualTo(EMPTY_SNAPSHOT);
    }

    @Test void theHelloVersionAndFeaturesAreNotChecked() {
        TestClient c = connect();
        c.send(new HelloMessage(9, Set.of(), "", null));
        assertThat(c.take()).hasSize(2).first().isInstanceOf(WelcomeMessage.class);
        assertThat(c.conn.closeCode).isNull();
    }

    @Test void aConnectionThatAsksForNoInitialSnapshotGetsWelcomeOnlyButStillItsSubscriptionsSnapshot() {
        TestClient w = client();
        w.send(new SetMessage("/a", Value.of(1L)));
        TestClient mqtt = connect();
        mqtt.conn.initialSnapshot = false;
        mqtt.send(new HelloMessage(1, Set.of(), "mqtt:c1", null));
        mqtt.send(PingMessage.INSTANCE);
        assertThat(mqtt.take()).hasSize(2).satisfies(m -> {
            assertThat(m.get(0)).isInstanceOf(WelcomeMessage.class);
            assertThat(m.get(1)).isEqualTo(PongMessage.INSTANCE);
        });
        mqtt.send(new SubscribeMessage(1, "/a"));
        assertThat(mqtt.take()).singleElement().isInstanceOfSatisfying(SnapshotMessage.class,
                s -> assertThat(s.params()).extracting(ParamEntry::address).containsExactly("/a"));
    }

    @Test void theInitialSnapshotHoldsEveryParamWithWriterAndTimestamp() {
        TestClient w = client();
        w.send(new SetMessage("/a", Value.of(1L)));
        w.send(new SetMessage("abc", Value.of("no leading slash")));
        TestClient late = connect();
        late.send(new HelloMessage(1, Set.of(), "late", null));
        List<Message> m = late.take();
        assertThat(m).hasSize(2);
        List<ParamEntry> entries = ((SnapshotMessage) m.get(1)).params();
        assertThat(entries).extracting(ParamEntry::address).containsExactlyInAnyOrder("/a", "abc");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.revision()).isEqualTo(1);
            assertThat(e.writer()).isEqualTo(w.session);
            assertThat(e.timestamp()).isNotNull();
        });
    }

    @Test void theInitialSnapshotIsSplitInFramesOf800Params() throws ClaspException {
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < 1601; i++) s.set("/p/" + i, Value.of((long) i));
        }
        TestClient c = connect();
        c.send(new HelloMessage(1, Set.of(), "c", null));
        List<Message> m = c.take();
        assertThat(m).hasSize(4);
        assertThat(m.subList(1, 4)).extracting(x -> ((SnapshotMessage) x).params().size()).containsExactly(800, 800, 1);
    }

    @Test void aFirstFrameThatIsNotADecodableHelloClosesWith1002AndNoReply() {
        for (String first : List.of(SET_A_1, PING, "53 01 00 05 01 01", "52 01 00 01 41", "53 01 00 01 FF",
                "53 01 00 00")) {
            TestClient c = connect();
            c.hex(first);
            assertThat(c.conn.sent).as(first).isEmpty();
            assertThat(c.conn.closeCode).as(first).isEqualTo(1002);
            assertThat(c.conn.closeReason).isEqualTo("first frame must be HELLO");
        }
    }

    @Test void noHelloWithinTheTimeoutClosesWithoutReply() {
        restart(TestSettings.defaults().helloTimeoutSeconds(1));
        TestClient c = connect();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> c.conn.closeCode != null);
        assertThat(c.conn.closeCode).isEqualTo(1002);
        assertThat(c.conn.closeReason).isEqualTo("no HELLO in time");
        assertThat(c.conn.sent).isEmpty();
    }

    @Test void messagesWithoutAHandlerAreIgnoredAndTheConnectionStays() {
        TestClient c = client();
        c.send(new WelcomeMessage(1, Set.of(), 1, "s", "n", null));
        c.send(new SnapshotMessage(List.of(new ParamEntry("/x", Value.of(1L), 1, null, null))));
        c.send(new AckMessage("/x", 1L, null, null, null));
        c.send(new ErrorMessage(400, "x"));
        c.send(PongMessage.INSTANCE);
        c.send(new ResultMessage(List.of(new SignalDefinition("/x", SignalType.EVENT))));
        c.send(new FederationSyncMessage(FederationOp.REQUEST_SYNC, List.of("/**"), Map.of(), null, null));
        assertThat(c.take()).isEmpty();
        assertThat(router.param("/x")).isEmpty();
        c.hex(PING);
        assertThat(c.takeHex()).containsExactly(PONG);
        assertThat(c.conn.closeCode).isNull();
    }

    @Test void framesOfOneConnectionAreAnsweredInOrder() {
        TestClient c = client();
        c.send(new SetMessage("/o", Value.of(1L)));
        c.send(new GetMessage("/o"));
        c.send(new SetMessage("/o", Value.of(2L)));
        c.send(new GetMessage("/o"));
        List<Message> m = c.take();
        assertThat(m).hasSize(4);
        assertThat(m.get(0)).isEqualTo(new AckMessage("/o", 1L, null, null, null));
        assertThat(((SnapshotMessage) m.get(1)).params().get(0).value()).isEqualTo(Value.of(1L));
        assertThat(m.get(2)).isEqualTo(new AckMessage("/o", 2L, null, null, null));
        assertThat(((SnapshotMessage) m.get(3)).params().get(0).value()).isEqualTo(Value.of(2L));
    }

    @Test void onlyTheFirstFrameOfAMessageIsDecoded() {
        TestClient c = client();
        c.hex(PING + " " + PING);
        c.hex(PING + " FF FF FF");
        assertThat(c.takeHex()).containsExactly(PONG, PONG);
    }

    @Test void aSecondHelloRetiresTheSessionReleasingItsLocksAndGreetsAgain() {
        TestClient a = client();
        TestClient b = client();
        String first = a.session;
        a.send(new SetMessage("/l", Value.of(1L), null, true, false, null));
        a.send(new SubscribeMessage(1, "/**"));
        a.take();
        a.send(new HelloMessage(1, Set.of(), "again", null));
        List<Message> m = a.take();
        assertThat(m).hasSize(2);
        String second = ((WelcomeMessage) m.get(0)).session();
        assertThat(second).isNotEqualTo(first);
        assertThat(m.get(1)).isEqualTo(new SnapshotMessage(List.of(router.param("/l").map(p ->
                new ParamEntry(p.address(), p.value(), p.revision(), p.writer(), p.timestamp())).orElseThrow())));
        b.send(new SetMessage("/l", Value.of(2L)));   // D7: the retired session's lock is gone
        assertThat(b.take()).containsExactly(new AckMessage("/l", 2L, null, null, null));
        assertThat(a.take()).isEmpty();                // and so is its subscription
        a.send(new SetMessage("/w", Value.of(1L)));
        assertThat(router.param("/w").orElseThrow().writer()).isEqualTo(second);
    }

    @Test void inboundQosTimestampEncryptedCompressedAndVersionBitsAreIgnored() {
        TestClient c = client();
        c.hex("53 D8 00 0E 21 05 00 02 2F 61 00 00 00 00 00 00 00 01");   // QoS 3, encrypted, compressed, version 0
        c.hex("53 A1 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 02");   // commit + timestamp
        assertThat(c.takeHex()).containsExactly(ACK_A_1, "53 01 00 0E 50 03 00 02 2F 61 00 00 00 00 00 00 00 02");
    }

    @Test void aLegacyMessagePackSetIsAppliedAndAnsweredInBinary() {
        TestClient c = client();
        // {type: "SET", address: "/m", value: 1}
        c.hex("53 40 00 1C 83 A4 74 79 70 65 A3 53 45 54 A7 61 64 64 72 65 73 73 A2 2F 6D A5 76 61 6C 75 65 01");
        assertThat(c.takeHex()).containsExactly("53 01 00 0E 50 03 00 02 2F 6D 00 00 00 00 00 00 00 01");
        assertThat(router.param("/m").orElseThrow().value()).isEqualTo(Value.of(1L));
    }

    @Test void connectionsInHandshakePastTheCapAreClosedWith1013() {
        restart(TestSettings.defaults().maxHandshaking(2));
        TestClient a = connect();
        connect();
        TestClient refused = connect();
        assertThat(refused.conn.closeCode).isEqualTo(1013);
        assertThat(refused.conn.closeReason).isEqualTo("too many connections in handshake");
        refused.send(new HelloMessage(1, Set.of(), "x", null));
        assertThat(refused.conn.sent).isEmpty();
        a.hello();   // a handshake completed: room for one more
        TestClient next = connect();
        assertThat(next.conn.closeCode).isNull();
        next.hello();
        assertThat(next.session).isNotNull();
    }

    @Test void helloPastMaxSessionsIsClosedWith1013WithoutWelcome() throws ClaspException {
        restart(TestSettings.defaults().maxSessions(1));
        try (LocalSession local = router.openSession("local", false)) {   // D12: not counted
            TestClient a = client();
            TestClient b = connect();
            b.send(new HelloMessage(1, Set.of(), "b", null));
            assertThat(b.conn.sent).isEmpty();
            assertThat(b.conn.closeCode).isEqualTo(1013);
            assertThat(b.conn.closeReason).isEqualTo("router at its session limit");
            a.disconnect();
            TestClient c = client();
            assertThat(c.session).isNotNull();
        }
    }
}
