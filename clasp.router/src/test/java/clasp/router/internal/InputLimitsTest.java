package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.ArrayValue;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
import java.io.ByteArrayOutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * Limits on input (docs/protocol.md "Limits on input"): each violation gets its exact ERROR, is not applied, is
 * counted in RouterStats.refusals, and leaves the violator's connection and every other session as they were: an
 * observer subscribed to everything gets nothing of the refused frame and still gets the violator's next write.
 */
class InputLimitsTest extends RouterTestSupport {
    private static final InputLimits D = InputLimits.defaults();

    /** The default input limits with the decode limits given. */
    private static InputLimits decode(int depth, int array, int map, int string, int bytes) {
        return new InputLimits(depth, array, map, string, bytes, D.maxAddressBytes(), D.maxAddressSegments(),
                D.maxPendingRequestsPerSession(), D.addressRateLimitPerSecond(), D.localAddressRateLimitPerSecond());
    }

    private static InputLimits addresses(int bytes, int segments) {
        return new InputLimits(D.maxNestingDepth(), D.maxArrayLength(), D.maxMapSize(), D.maxStringBytes(), D.maxBytesLength(),
                bytes, segments, D.maxPendingRequestsPerSession(), D.addressRateLimitPerSecond(), D.localAddressRateLimitPerSecond());
    }

    private static InputLimits pending(int max) {
        return new InputLimits(D.maxNestingDepth(), D.maxArrayLength(), D.maxMapSize(), D.maxStringBytes(), D.maxBytesLength(),
                D.maxAddressBytes(), D.maxAddressSegments(), max, D.addressRateLimitPerSecond(), D.localAddressRateLimitPerSecond());
    }

    private static InputLimits addressRate(int network, int local) {
        return new InputLimits(D.maxNestingDepth(), D.maxArrayLength(), D.maxMapSize(), D.maxStringBytes(), D.maxBytesLength(),
                D.maxAddressBytes(), D.maxAddressSegments(), D.maxPendingRequestsPerSession(), network, local);
    }

    private Map<String, Long> refusals() { return router.stats().refusals(); }

    /** A client subscribed to everything, its SUBSCRIBE's snapshot taken. */
    private TestClient observer() {
        TestClient o = client();
        o.send(new SubscribeMessage(1, "/**"));
        o.take();
        return o;
    }

    /** Nothing of the refused frame reached {@code observer}; the violator's next write does, and it stays open. */
    private static void othersUnaffected(TestClient violator, TestClient observer) {
        assertThat(observer.take()).isEmpty();
        violator.send(new SetMessage("/after", Value.of(1L)));
        assertThat(violator.take()).containsExactly(new AckMessage("/after", 1L, null, null, null));
        assertThat(observer.take()).containsExactly(new SetMessage("/after", Value.of(1L), 1L));
        assertThat(violator.conn.closeCode).isNull();
        assertThat(observer.conn.closeCode).isNull();
    }

    private void decodeLimitRefuses(InputLimits limits, Value value, String text) {
        restart(TestSettings.defaults().input(limits));
        TestClient observer = observer();
        TestClient c = client();
        c.send(new SetMessage("/v", value));
        assertThat(c.take()).containsExactly(new ErrorMessage(101, "Invalid message: " + text));
        assertThat(router.param("/v")).isEmpty();
        assertThat(refusals()).isEqualTo(Map.of("decode-limit", 1L));
        othersUnaffected(c, observer);
    }

    private static Value nested(int levels) {
        Value v = new ArrayValue(List.of());
        for (int i = 1; i < levels; i++) v = new ArrayValue(List.of(v));
        return v;
    }

    // ---- decode limits (ERROR 101)

    @Test void nestingDeeperThanTheLimitIs101() {
        decodeLimitRefuses(decode(4, 10, 10, 100, 100), nested(5), "DEPTH at offset 22: values nested deeper than 4");
    }

    @Test void anArrayLongerThanTheLimitIs101() {
        decodeLimitRefuses(decode(32, 10, 10, 100, 100), new ArrayValue(Collections.nCopies(11, Value.of(1L))),
                "ARRAY_TOO_LONG at offset 10: array of 11 items exceeds the limit of 10");
    }

    @Test void aMapLargerThanTheLimitIs101() {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) entries.put("k" + i, Value.of(true));
        decodeLimitRefuses(decode(32, 10, 10, 100, 100), MapValue.copyOf(entries),
                "MAP_TOO_LARGE at offset 10: map of 11 entries exceeds the limit of 10");
    }

    @Test void aStringLongerThanTheLimitIs101() {
        decodeLimitRefuses(decode(32, 10, 10, 100, 100), Value.of("x".repeat(101)),
                "STRING_TOO_LONG at offset 10: string of 101 bytes exceeds the limit of 100");
    }

    @Test void aBytesValueLongerThanTheLimitIs101() {
        decodeLimitRefuses(decode(32, 10, 10, 100, 100), Value.of(new byte[101]),
                "BYTES_TOO_LONG at offset 10: bytes value of 101 bytes exceeds the limit of 100");
    }

    @Test void valuesAtTheLimitsPass() {
        restart(TestSettings.defaults().input(decode(4, 10, 10, 100, 100)));
        TestClient c = client();
        Map<String, Value> entries = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) entries.put("k" + i, Value.of(true));
        Value atLimits = Value.of(List.of(nested(3), new ArrayValue(Collections.nCopies(9, Value.of(1L))),
                MapValue.copyOf(entries), Value.of("x".repeat(100)), Value.of(new byte[100])));
        c.send(new SetMessage("/v", atLimits));
        assertThat(c.take()).containsExactly(new AckMessage("/v", 1L, null, null, null));
        assertThat(router.param("/v").orElseThrow().value()).isEqualTo(atLimits);
        assertThat(refusals()).isEmpty();
    }

    @Test void nestingThatFillsAWholeFrameIsAnErrorNotAStackOverflow() throws Exception {
        TestClient observer = observer();
        TestClient c = client();
        // binary: 3 bytes per array level, about 21,800 levels in one 65,535-byte payload
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0x21, 0x0A, 0, 2, '/', 'n'});
        for (int i = 1; i < (0xFFFF - 8) / 3; i++) p.writeBytes(new byte[] {0, 1, 0x0A});
        p.writeBytes(new byte[] {0, 0});
        c.raw(frame(p.toByteArray()));
        assertThat(c.take()).containsExactly(new ErrorMessage(101, "Invalid message: DEPTH at offset 106: values nested deeper than 32"));
        // legacy MessagePack: 1 byte per level, about 65,500 levels
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(3).packString("type").packString("SET").packString("address").packString("/n").packString("value");
        for (int i = 0; i < 65_500; i++) m.packArrayHeader(1);
        m.packNil();
        TestClient legacy = client();   // a client of its own: one 101 notice per second and session
        legacy.raw(frame(m.toByteArray()));
        assertThat(legacy.take()).containsExactly(new ErrorMessage(101, "Invalid message: DEPTH at offset 62: nested deeper than 32"));
        assertThat(router.param("/n")).isEmpty();
        assertThat(refusals()).isEqualTo(Map.of("decode-limit", 2L));
        othersUnaffected(c, observer);
    }

    private static byte[] frame(byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x53, 0x01, (byte) (payload.length >>> 8), (byte) payload.length});
        f.writeBytes(payload);
        return f.toByteArray();
    }

    // ---- addresses (ERROR 200)

    @Test void anAddressLongerThanTheLimitIs200OnEveryRequestThatCarriesOne() {
        TestClient observer = observer();
        TestClient c = client();
        String longest = "/" + "x".repeat(1_023);
        String tooLong = "/" + "é".repeat(600);   // 1,201 bytes in 601 characters
        ErrorMessage error = new ErrorMessage(200, "Address too long: 1201 bytes (max 1024)", null, null);
        List<Message> requests = List.of(new SetMessage(tooLong, Value.of(1L)), PublishMessage.event(tooLong, Value.of(1L)),
                new GetMessage(tooLong), new SubscribeMessage(2, tooLong), new QueryMessage(tooLong),
                new ReplayMessage(tooLong, null, null, null, Set.of()),
                new AnnounceMessage(tooLong, List.of()),
                new AnnounceMessage("/ns", List.of(new SignalDefinition(tooLong, SignalType.PARAM, null, null, null))),
                new BundleMessage(null, List.of(new SetMessage("/ok", Value.of(1L)), new SetMessage(tooLong, Value.of(1L)))));
        for (Message m : requests) {
            c.send(m);
            assertThat(c.take()).as(m.type().name()).containsExactly(error);
        }
        assertThat(router.params("/**")).isEmpty();
        assertThat(router.signals("/**")).isEmpty();
        assertThat(c.handlerSession().subscriptionCount()).isZero();
        assertThat(refusals()).isEqualTo(Map.of("address-limit", (long) requests.size()));
        othersUnaffected(c, observer);
        c.send(new SetMessage(longest, Value.of(2L)));
        assertThat(c.take()).containsExactly(new AckMessage(longest, 1L, null, null, null));
    }

    @Test void anAddressWithMoreSegmentsThanTheLimitIs200NamingIt() {
        TestClient observer = observer();
        TestClient c = client();
        String deep = "/a".repeat(65);
        c.send(new SetMessage(deep, Value.of(1L)));
        c.send(new SubscribeMessage(2, deep + "/**"));
        assertThat(c.take()).containsExactly(new ErrorMessage(200, "Address has 65 segments (max 64)", deep, null),
                new ErrorMessage(200, "Address has 66 segments (max 64)", deep + "/**", null));
        assertThat(router.param(deep)).isEmpty();
        assertThat(refusals()).isEqualTo(Map.of("address-limit", 2L));
        othersUnaffected(c, observer);
        c.send(new SetMessage("/a".repeat(64), Value.of(1L)));
        assertThat(c.take()).containsExactly(new AckMessage("/a".repeat(64), 1L, null, null, null));
    }

    @Test void addressLimitsAreConfigurableAnd0IsNone() {
        restart(TestSettings.defaults().input(addresses(8, 2)));
        TestClient c = client();
        c.send(new SetMessage("/abcdefgh", Value.of(1L)));
        c.send(new SetMessage("/a/b/c", Value.of(1L)));
        assertThat(c.take()).containsExactly(new ErrorMessage(200, "Address too long: 9 bytes (max 8)", null, null),
                new ErrorMessage(200, "Address has 3 segments (max 2)", "/a/b/c", null));
        restart(TestSettings.defaults().input(addresses(0, 0)));
        TestClient unlimited = client();
        String huge = "/x".repeat(20_000);
        unlimited.send(new SetMessage(huge, Value.of(1L)));
        assertThat(unlimited.take()).containsExactly(new AckMessage(huge, 1L, null, null, null));
    }

    // ---- pending requests (ERROR 429)

    @Test void pastThePendingPacedRepliesARequestIs429AndNotApplied() {
        restart(TestSettings.defaults().input(pending(2)));
        TestClient observer = observer();
        TestClient c = client();
        observer.send(new SetMessage("/p/1", Value.of(1L)));
        observer.take();
        c.conn.writable = false;   // the peer stops reading: paced replies wait
        c.send(new SubscribeMessage(1, "/p/**"));
        c.send(new SubscribeMessage(2, "/p/**"));
        c.send(new SubscribeMessage(3, "/q/**"));
        c.send(new GetMessage("/p/1"));
        c.send(new QueryMessage("/**"));
        assertThat(c.conn.sent).isEmpty();
        c.conn.writable = true;
        c.handler.writable();
        SnapshotMessage snapshot = new SnapshotMessage(List.of(new ParamEntry("/p/1", Value.of(1L), 1L, observer.session, null)));
        List<Message> got = c.take();
        assertThat(got).hasSize(5);
        assertThat(got.subList(0, 2)).allSatisfy(m -> assertThat(m).usingRecursiveComparison().ignoringFields("params.timestamp").isEqualTo(snapshot));
        assertThat(got.subList(2, 5)).containsExactly(
                new ErrorMessage(429, "Too many pending requests (max 2)", "/q/**", null),
                new ErrorMessage(429, "Too many pending requests (max 2)", "/p/1", null),
                new ErrorMessage(429, "Too many pending requests (max 2)", "/**", null));
        assertThat(c.handlerSession().hasSubscription(3)).isFalse();
        assertThat(refusals()).isEqualTo(Map.of("pending-limit", 3L));
        othersUnaffected(c, observer);
        c.send(new GetMessage("/p/1"));   // nothing pending any more
        assertThat(c.take()).hasSize(1).first().isInstanceOf(SnapshotMessage.class);
    }

    // ---- writes per address per second (ERROR 429)

    @Test void writesPastTheRatePerAddressGetOne429PerSecondAndOtherAddressesAndSessionsGoOn() {
        ManualClock clock = new ManualClock();
        RouterCore core = new RouterCore(TestSettings.defaults().input(addressRate(3, 0)).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
        TestClient observer = new TestClient(core).hello();
        observer.send(new SubscribeMessage(1, "/**"));
        observer.take();
        TestClient c = new TestClient(core).hello();
        for (int i = 1; i <= 5; i++) c.send(new SetMessage("/r", Value.of((long) i)));
        c.send(new BundleMessage(null, List.of(new SetMessage("/s", Value.of(1L)), PublishMessage.event("/r", Value.of(9L)))));
        c.send(new SetMessage("/s", Value.of(2L)));
        List<Message> expected = new java.util.ArrayList<>();
        for (long i = 1; i <= 3; i++) expected.add(new AckMessage("/r", i, null, null, null));
        expected.add(new ErrorMessage(429, "Rate limit exceeded for /r: 3 writes/second", "/r", null));
        expected.add(new AckMessage("/s", 1L, null, null, null));   // the refused bundle counted its SET to /s
        assertThat(c.take()).isEqualTo(expected);
        assertThat(core.param("/r").revision()).isEqualTo(3);
        assertThat(core.param("/s").revision()).isEqualTo(1);
        assertThat(core.refusals().totals()).isEqualTo(Map.of("address-rate-limited", 3L));
        List<Message> seen = observer.take();
        assertThat(seen).hasSize(4).noneMatch(m -> m instanceof PublishMessage);
        // the next second of the router clock starts a fresh count; another session has a count of its own
        clock.advance(1, TimeUnit.SECONDS);
        c.send(new SetMessage("/r", Value.of(6L)));
        observer.send(new SetMessage("/r", Value.of(7L)));
        assertThat(core.param("/r").revision()).isEqualTo(5);
        assertThat(c.conn.closeCode).isNull();
    }

    @Test void localSessionsAreNotLimitedPerAddressUnlessConfigured() throws ClaspException {
        ManualClock clock = new ManualClock();
        RouterCore core = new RouterCore(TestSettings.defaults().input(addressRate(1, 0)).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
        LocalSessionImpl bridge = local(core);
        for (int i = 0; i < 1_000; i++) bridge.set("/l", Value.of((long) i));
        assertThat(core.param("/l").revision()).isEqualTo(1_000);

        core.reconfigure(TestSettings.defaults().input(addressRate(0, 2)).build());
        LocalSessionImpl limited = local(core);
        limited.set("/m", Value.of(1L));
        limited.publish(PublishMessage.event("/m", Value.of(2L)));
        assertThatThrownBy(() -> limited.set("/m", Value.of(3L))).isInstanceOf(ClaspException.class)
                .hasMessage("Rate limit exceeded for /m: 2 writes/second")
                .satisfies(e -> assertThat(((ClaspException) e).code()).isEqualTo(429));
        assertThat(core.param("/m").revision()).isEqualTo(1);
        assertThat(core.refusals().totals()).isEqualTo(Map.of("address-rate-limited", 1L));
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(limited.set("/m", Value.of(4L))).isEqualTo(2);
    }

    private static LocalSessionImpl local(RouterCore core) {
        LocalSessionImpl s = new LocalSessionImpl(core, "bridge", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(s);
        return s;
    }

    // ---- the limits that were there before, now counted

    @Test void subscriptionsPastTheLimitAre429CountedAndNotRegistered() {
        restart(TestSettings.defaults().maxSubscriptionsPerSession(2));
        TestClient observer = client();
        observer.send(new SubscribeMessage(1, "/**"));
        observer.take();
        TestClient c = client();
        c.send(new SubscribeMessage(1, "/a"));
        c.send(new SubscribeMessage(2, "/b"));
        c.take();
        c.send(new SubscribeMessage(3, "/c"));
        assertThat(c.take()).containsExactly(new ErrorMessage(429, "Subscription limit reached (max 2)", "/c", null));
        assertThat(c.handlerSession().hasSubscription(3)).isFalse();
        assertThat(refusals()).isEqualTo(Map.of("subscription-limit", 1L));
        othersUnaffected(c, observer);
    }

    @Test void scheduledBundlesPastTheLimitAre429CountedAndNotHeld() {
        ManualClock clock = new ManualClock();
        RouterCore core = new RouterCore(TestSettings.defaults().maxScheduledBundlesPerSession(1).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
        TestClient observer = new TestClient(core).hello();
        observer.send(new SubscribeMessage(1, "/**"));
        observer.take();
        TestClient c = new TestClient(core).hello();
        long later = clock.nowMicros() + 1_000_000;
        c.send(new BundleMessage(later, List.of(new SetMessage("/b/1", Value.of(1L)))));
        c.send(new BundleMessage(later, List.of(new SetMessage("/b/2", Value.of(2L)))));
        assertThat(c.take()).containsExactly(new AckMessage(null, null, null, null, null),
                new ErrorMessage(429, "Scheduled bundle limit reached (max 1)", null, null));
        assertThat(core.refusals().totals()).isEqualTo(Map.of("scheduled-bundle-limit", 1L));
        clock.advance(1, TimeUnit.SECONDS);
        assertThat(core.param("/b/1").revision()).isEqualTo(1);
        assertThat(core.param("/b/2")).isNull();
        assertThat(observer.take()).containsExactly(new SetMessage("/b/1", Value.of(1L), 1L));
    }

    @Test void framesPastTheSessionRateAreCountedAndOtherSessionsGoOn() {
        ManualClock clock = new ManualClock();
        RouterCore core = new RouterCore(TestSettings.defaults().rateLimitPerSecond(3).build(), new MemoryParamStore(),
                new OpenAuthoriser(), clock);
        TestClient observer = new TestClient(core).hello();
        observer.send(new SubscribeMessage(1, "/**"));
        observer.take();
        TestClient c = new TestClient(core).hello();
        for (int i = 1; i <= 4; i++) c.send(new SetMessage("/f", Value.of((long) i)));
        assertThat(c.take()).endsWith(new ErrorMessage(429, "Rate limit exceeded: 3 messages/second"));
        assertThat(core.param("/f").revision()).isEqualTo(3);
        assertThat(core.refusals().totals()).isEqualTo(Map.of("rate-limited", 1L));
        assertThat(observer.take()).hasSize(3);
        observer.send(new SetMessage("/g", Value.of(1L)));
        assertThat(observer.take()).contains(new AckMessage("/g", 1L, null, null, null));
    }

    @Test void decodeLimitsTheWireCannotExpressAreLoggedAndTheCodecDefaultsApply() {
        try (LogCapture log = new LogCapture(RouterCore.class)) {
            restart(TestSettings.defaults().input(decode(32, 70_000, 10, 100, 100)));
            assertThat(log.warnings()).containsExactly(
                    "clasp.router: decode limits ignored (maxArrayLength must be between 0 and 65535): nesting depth 32 and the wire's sizes apply");
        }
        TestClient c = client();
        Value wide = new ArrayValue(Collections.nCopies(20_000, Value.ofNull()));
        c.send(new SetMessage("/w", wide));
        assertThat(c.take()).containsExactly(new AckMessage("/w", 1L, null, null, null));
    }

    @Test void newDecodeLimitsApplyToTheNextFrameAfterAReconfiguration() {
        TestClient c = client();
        Value eleven = new ArrayValue(Collections.nCopies(11, Value.of(1L)));
        c.send(new SetMessage("/v", eleven));
        assertThat(c.take()).containsExactly(new AckMessage("/v", 1L, null, null, null));
        router.reconfigure(TestSettings.defaults().input(decode(32, 10, 10, 100, 100)).build());
        c.send(new SetMessage("/v", eleven));
        assertThat(c.take()).containsExactly(new ErrorMessage(101,
                "Invalid message: ARRAY_TOO_LONG at offset 10: array of 11 items exceeds the limit of 10"));
    }
}
