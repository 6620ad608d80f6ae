package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** router-semantics §13.1 rate limit, D1, D2 and §3.8 back-pressure, D6 malformed frames. */
class LimitsTest extends RouterTestSupport {
    private static final String PING = HandshakeTest.PING;
    private static final String PONG = HandshakeTest.PONG;

    /** The rate limit counts per second of the router clock; this one stands still until the test moves it. */
    private final ManualClock clock = new ManualClock();

    /** A core limited to {@code perSecond} network frames per second of {@link #clock}. */
    private RouterCore limitedTo(int perSecond) {
        return new RouterCore(TestSettings.defaults().rateLimitPerSecond(perSecond).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
    }

    private static List<String> times(int n, String frame) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(frame);
        return out;
    }

    // ---- §13.1, D1

    @Test void framesPastTheRatePerSecondGetOne429AndAreNotProcessed() {
        TestClient c = new TestClient(limitedTo(5)).hello();
        for (int i = 0; i < 6; i++) c.hex(PING);
        List<String> expected = times(5, PONG);
        expected.add(TestClient.routerHex(new ErrorMessage(429, "Rate limit exceeded: 5 messages/second")));
        assertThat(c.takeHex()).isEqualTo(expected);
    }

    @Test void aPeerOverItsRateIsNotReadAgainUntilItsNextSecond() {
        TestClient c = new TestClient(limitedTo(5)).hello();
        for (int i = 0; i < 9; i++) c.hex(PING);
        assertThat(c.conn.pauses).as("one pause, when the rate is first passed").singleElement()
                .satisfies(ms -> assertThat(ms).isBetween(1L, 1000L));
    }

    @Test void theNextSecondOfTheRouterClockStartsAFreshCount() {
        TestClient c = new TestClient(limitedTo(2)).hello();
        for (int i = 0; i < 3; i++) c.hex(PING);
        assertThat(c.takeHex()).hasSize(3).endsWith(TestClient.routerHex(new ErrorMessage(429, "Rate limit exceeded: 2 messages/second")));
        clock.advance(999, TimeUnit.MILLISECONDS);
        c.hex(PING);
        assertThat(c.takeHex()).doesNotContain(PONG);   // still the same second: refused
        clock.advance(1, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 2; i++) c.hex(PING);
        assertThat(c.takeHex()).isEqualTo(times(2, PONG));
    }

    @Test void theHelloIsNotCountedButUndecodableFramesAre() {
        TestClient c = new TestClient(limitedTo(2));
        c.send(new HelloMessage(1, java.util.Set.of(), "h", null));
        c.conn.clear();
        c.hex("53 01 00 01 7F");
        c.hex(PING);
        c.hex(PING);
        assertThat(c.takeHex()).containsExactly(
                TestClient.routerHex(new ErrorMessage(101, "Invalid message: UNKNOWN_TYPE at offset 5: unknown message type 0x7f")),
                PONG, TestClient.routerHex(new ErrorMessage(429, "Rate limit exceeded: 2 messages/second")));
    }

    @Test void aSecondHelloIsCountedLikeAnyFrameAfterTheHandshake() {
        TestClient c = new TestClient(limitedTo(2)).hello();
        c.send(new HelloMessage(1, java.util.Set.of(), "again", null));
        c.hex(PING);
        c.hex(PING);
        List<String> got = c.takeHex();
        assertThat(got).hasSize(4);
        assertThat(TestClient.decode(got.get(0))).isInstanceOf(WelcomeMessage.class);
        assertThat(got.subList(1, 4)).containsExactly(HandshakeTest.EMPTY_SNAPSHOT, PONG,
                TestClient.routerHex(new ErrorMessage(429, "Rate limit exceeded: 2 messages/second")));
    }

    @Test void rate0IsUnlimitedAndLocalSessionsAreNotLimited() throws ClaspException {
        restart(TestSettings.defaults().rateLimitPerSecond(0));
        TestClient c = client();
        for (int i = 0; i < 3000; i++) c.hex(PING);
        assertThat(c.takeHex()).isEqualTo(times(3000, PONG));
        restart(TestSettings.defaults().rateLimitPerSecond(1));
        try (LocalSession s = router.openSession("bridge", false)) {
            for (int i = 0; i < 1000; i++) s.set("/l", Value.of((long) i));
        }
        assertThat(router.param("/l").orElseThrow().revision()).isEqualTo(1000);
    }

    @Test void atTheDefaultRate10000SequentialSetsAreAllAckedInOrder() {
        TestClient c = client();
        for (int i = 0; i < 10_000; i++) c.send(new SetMessage("/seq", Value.of((double) i)));
        List<Message> acks = c.take();
        assertThat(acks).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) assertThat(acks.get(i)).isEqualTo(new AckMessage("/seq", i + 1L, null, null, null));
    }

    // ---- D6

    @Test void eachKindOfMalformedFrameGets101NamingTheProblem() {
        String[][] cases = {
            {"52 01 00 01 41", "BAD_MAGIC at offset 0: expected magic 0x53, got 0x52"},
            {"53 01", "TRUNCATED at offset 0: frame of 2 bytes is shorter than its header"},
            {"53 01 00 05 22 00", "TRUNCATED at offset 6: frame declares 9 bytes, 6 present"},
            {"53 01 FF FF 22 00 02 2F 61", "TRUNCATED at offset 9: frame declares 65539 bytes, 9 present"},
            {"53 01 00 00", "EMPTY_PAYLOAD at offset 4: empty payload"},
            {"53 01 00 01 7F", "UNKNOWN_TYPE at offset 5: unknown message type 0x7f"},
            {"53 41 00 07 21 0E 00 02 2F 61 00", "UNKNOWN_VALUE_TYPE at offset 10: unknown value type 0xe"},
            {"53 01 00 07 22 00 04 2F FF FE 61", "INVALID_UTF8 at offset 7: address is not valid UTF-8"},
            {"53 01 00 05 22 00 05 2F 61", "LENGTH_MISMATCH at offset 5: address length 5 exceeds the 2 bytes left"},
        };
        for (String[] k : cases) {
            TestClient c = client();
            c.hex(k[0]);
            assertThat(c.take()).as(k[0]).containsExactly(new ErrorMessage(101, "Invalid message: " + k[1]));
            c.hex(PING);
            assertThat(c.takeHex()).containsExactly(PONG);
            assertThat(c.conn.closeCode).isNull();
        }
    }

    @Test void oneMalformedNoticePerSecondAndThe21stMalformedFrameIn10sCloses() {
        TestClient c = client();
        java.util.Random random = new java.util.Random(7);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(40)];
            random.nextBytes(junk);
            junk[0] = 0x52;
            c.raw(junk);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        // one notice, and one more for each full second the frames took to arrive, whatever this machine's pace
        List<Message> notices = c.take();
        assertThat(notices).isNotEmpty().hasSizeLessThanOrEqualTo((int) Math.min(20, 1 + seconds))
                .allSatisfy(m -> assertThat(((ErrorMessage) m).code()).isEqualTo(101));
        assertThat(c.conn.closeCode).isNull();
        org.junit.jupiter.api.Assumptions.assumeTrue(seconds < 9, "the frames took most of the 10 s window");
        c.hex("53 01 00 01 7F");
        assertThat(c.conn.closeCode).isEqualTo(1002);
        assertThat(c.conn.closeReason).isEqualTo("too many malformed frames");
        assertThat(c.take()).isEmpty();
    }

    // ---- D2, §3.8

    private static PublishMessage event(int i) { return PublishMessage.event("/bp/e", Value.of((long) i)); }

    @Test void whileUnwritableBroadcastsOtherThanSetAreDroppedWithOne503AndRepliesStillGoOut() {
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/bp/**"));
        slow.conn.writable = false;
        for (int i = 0; i < 100; i++) w.send(event(i));
        assertThat(slow.take()).containsExactly(
                new ErrorMessage(503, "Buffer overflow: messages being dropped (100 drops in last 10 seconds)"));
        for (int i = 0; i < 50; i++) w.send(new PublishMessage("/bp/s", SignalType.STREAM, Value.of(1.0), null, null, null, GesturePhase.START, null));
        w.send(new PublishMessage("/bp/g", SignalType.GESTURE, Value.of(1.0), null, null, 9L, GesturePhase.START, null));
        slow.hex(PING);
        assertThat(slow.takeHex()).containsExactly(PONG);   // direct replies are never dropped; one notice per 10 s
        slow.conn.writable = true;
        slow.handler.writable();
        w.send(event(1));
        assertThat(slow.take()).containsExactly(event(1));
        assertThat(router.stats().deliveriesDropped()).isEqualTo(151);
    }

    @Test void aSlowSubscriberEndsWithTheLatestValueOfEveryAddressInRevisionOrder() {
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/c/**"));
        slow.conn.writable = false;
        for (int i = 1; i <= 30; i++) w.send(new SetMessage("/c/" + (i % 3), Value.of((long) i)));
        w.send(new SetMessage("/c/0", Value.of(99L), null, true, false, null));
        assertThat(slow.take()).isEmpty();
        slow.conn.writable = true;
        slow.handler.writable();
        assertThat(slow.take()).containsExactly(new SetMessage("/c/1", Value.of(28L), 10L), new SetMessage("/c/2", Value.of(29L), 10L),
                new SetMessage("/c/0", Value.of(99L), 11L, true, false, null));
    }

    @Test void aBroadcastAfterThePeerDrainedFlushesTheHeldSetsAndIsSentNotDropped() {
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/c/**"));
        slow.conn.writable = false;
        w.send(new SetMessage("/c/x", Value.of(1L)));
        slow.conn.writable = true;   // drained; the transport's writable() call has not come yet
        w.send(PublishMessage.event("/c/e", Value.of(2L)));
        assertThat(slow.take()).containsExactly(new SetMessage("/c/x", Value.of(1L), 1L), PublishMessage.event("/c/e", Value.of(2L)));
        assertThat(router.stats().deliveriesDropped()).isZero();
    }

    @Test void oneStalledSubscriberDoesNotHoldBackTheOthers() {
        TestClient slow = client();
        TestClient fast = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/**"));
        fast.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        for (int i = 0; i < 1000; i++) w.send(new SetMessage("/s/" + i, Value.of((long) i)));
        assertThat(fast.take()).hasSize(1000);
        assertThat(w.take()).hasSize(1000);
        assertThat(slow.take()).isEmpty();
    }

    @Test void aSessionUnwritablePastTheStallBoundIsClosedWith1008() {
        restart(TestSettings.defaults().stallTimeoutSeconds(0));
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollDelay(0, TimeUnit.MILLISECONDS).until(() -> {
            w.send(event(0));
            return slow.conn.closeCode != null;
        });
        assertThat(slow.conn.closeCode).isEqualTo(1008);
        assertThat(slow.conn.closeReason).isEqualTo("too slow to take its frames");
    }

    @Test void aSessionStalledWithNothingMoreToSendIsClosedByTheReaper() {
        restart(TestSettings.defaults().stallTimeoutSeconds(0));
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        w.send(event(0));
        assertThat(slow.conn.closeCode).isNull();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollDelay(0, TimeUnit.MILLISECONDS).until(() -> {
            router.reap();
            return slow.conn.closeCode != null;
        });
        assertThat(slow.conn.closeCode).isEqualTo(1008);
    }

    @Test void aSessionWithTooManyQueuedBytesIsClosedWith1008() {
        restart(TestSettings.defaults().maxQueuedBytes(1_000));
        TestClient slow = client();
        TestClient w = client();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        slow.conn.queued = 1_001;
        w.send(event(0));
        assertThat(slow.conn.closeCode).isEqualTo(1008);
    }
}
