package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.MapValue;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random valid messages of all 19 types for property tests, from a seeded generator. Sizes are bounded so that
 * every frame stays well below the u16 payload limit, and nesting stays within {@link ClaspCodec#DEFAULT_MAX_DEPTH}.
 *
 * <p>Strings are valid Unicode (no lone surrogates), so they survive UTF-8 both ways. Doubles are arbitrary bit
 * patterns, NaN payloads included: the codec writes {@code doubleToRawLongBits} and {@code FloatValue} compares raw
 * bits, so every double round-trips.
 */
final class RandomMessages {
    static final MessageType[] TYPES = MessageType.values();

    private final SplittableRandom r;

    RandomMessages(long seed) { this.r = new SplittableRandom(seed); }

    /** A seed for case {@code i} of a run with {@code seed}, so a single failing case can be replayed. */
    static long caseSeed(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    Frame frame() { return frame(TYPES[r.nextInt(TYPES.length)]); }

    Frame frame(MessageType type) {
        QoS qos = QoS.values()[r.nextInt(3)];
        Long timestamp = r.nextInt(3) == 0 ? u64() : null;
        return new Frame(message(type, 0), qos, timestamp);
    }

    Message message(MessageType type, int bundleDepth) {
        return switch (type) {
            case HELLO -> new HelloMessage(u8(), features(), string(), optString());
            case WELCOME -> new WelcomeMessage(u8(), features(), u64(), string(), string(), optString());
            case ANNOUNCE -> new AnnounceMessage(optString(), signals(true));
            case FEDERATION_SYNC -> {
                List<String> patterns = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) patterns.add(string());
                Map<String, Long> revisions = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) revisions.put(string(), u64());
                yield new FederationSyncMessage(FederationOp.values()[r.nextInt(4)], patterns, revisions, optU64(),
                        optString());
            }
            case SUBSCRIBE -> new SubscribeMessage(u32(), string(), types(), options());
            case UNSUBSCRIBE -> new UnsubscribeMessage(u32());
            case PUBLISH -> publish();
            case SET -> new SetMessage(string(), value(topValueDepth()), optU64(), r.nextBoolean(), r.nextBoolean(),
                    r.nextInt(3) == 0 ? new Ttl(r.nextInt(4) == 0 ? 0 : r.nextLong(0x8000_0000L), r.nextBoolean()) : null);
            case GET -> new GetMessage(string());
            case SNAPSHOT -> {
                List<ParamEntry> params = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    params.add(new ParamEntry(string(), value(2), u64(), optString(), optU64()));
                }
                yield new SnapshotMessage(params);
            }
            case REPLAY -> new ReplayMessage(string(), optU64(), optU64(), optU32(), types());
            case BUNDLE -> {
                List<Message> messages = new ArrayList<>();
                int n = bundleDepth >= 2 ? r.nextInt(2) : r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    // Nested bundles up to three levels; inner messages carry small values.
                    MessageType t = TYPES[r.nextInt(TYPES.length)];
                    if (t == MessageType.BUNDLE && bundleDepth >= 2) t = MessageType.PING;
                    messages.add(message(t, bundleDepth + 1));
                }
                yield new BundleMessage(optU64(), messages);
            }
            case SYNC -> new SyncMessage(u64(), optU64(), optU64());
            case PING -> PingMessage.INSTANCE;
            case PONG -> PongMessage.INSTANCE;
            case ACK -> new AckMessage(optString(), optU64(), r.nextBoolean() ? r.nextBoolean() : null, optString(),
                    optU32());
            case ERROR -> new ErrorMessage(r.nextInt(0x10000), string(), optString(), optU32());
            case QUERY -> new QueryMessage(string());
            case RESULT -> new ResultMessage(signals(false));
        };
    }

    private PublishMessage publish() {
        Value value = null;
        double[] samples = null;
        switch (r.nextInt(3)) {
            case 0 -> value = value(topValueDepth());
            case 1 -> {
                samples = new double[r.nextInt(6)];
                for (int i = 0; i < samples.length; i++) samples[i] = f64();
            }
            default -> { }
        }
        return new PublishMessage(string(), SignalType.values()[r.nextInt(5)], value, samples, optU64(), optU32(),
                GesturePhase.values()[r.nextInt(4)], optU32());
    }

    private List<SignalDefinition> signals(boolean withMeta) {
        List<SignalDefinition> out = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            SignalMeta meta = null;
            if (withMeta && r.nextBoolean()) {
                boolean range = r.nextBoolean();
                meta = new SignalMeta(optString(), range ? f64() : null, range ? f64() : null,
                        r.nextBoolean() ? value(2) : null, optString());
            }
            out.add(new SignalDefinition(string(), SignalType.values()[r.nextInt(5)], optString(), optString(), meta));
        }
        return out;
    }

    private SubscribeOptions options() {
        if (r.nextInt(3) == 0) return null;
        return new SubscribeOptions(optU32(), r.nextBoolean() ? f64() : null, optU32(), optU32());
    }

    private Set<Feature> features() {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) if (r.nextBoolean()) set.add(f);
        return set;
    }

    /** Empty = all types. */
    private Set<SignalType> types() {
        Set<SignalType> set = EnumSet.noneOf(SignalType.class);
        if (r.nextBoolean()) return set;
        for (SignalType t : SignalType.values()) if (r.nextBoolean()) set.add(t);
        return set;
    }

    // ---------------------------------------------------------------- values

    /** Usually shallow; sometimes a narrow value nested right up to the default depth limit. */
    private int topValueDepth() { return r.nextInt(50) == 0 ? -1 : 3; }

    /** A value with at most {@code depth} levels of containers; -1 = a single chain of the maximum depth. */
    Value value(int depth) {
        if (depth == -1) return deepChain(1 + r.nextInt(ClaspCodec.DEFAULT_MAX_DEPTH));
        int kind = r.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> Value.ofNull();
            case 1 -> Value.of(r.nextBoolean());
            case 2 -> Value.of(i64());
            case 3, 4 -> Value.of(f64());
            case 5 -> Value.of(string());
            case 6 -> BytesValue.copyOf(bytes(r.nextInt(12)));
            case 7 -> {
                List<Value> items = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) items.add(value(depth - 1));
                yield new ArrayValue(items);
            }
            default -> {
                Map<String, Value> entries = new LinkedHashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) entries.put(string(), value(depth - 1));
                yield MapValue.copyOf(entries);
            }
        };
    }

    /** {@code levels} nested single-element arrays or maps around a scalar. */
    Value deepChain(int levels) {
        Value v = value(0);
        for (int i = 0; i < levels; i++) {
            v = r.nextBoolean() ? new ArrayValue(List.of(v)) : MapValue.copyOf(Map.of(string(), v));
        }
        return v;
    }

    // ---------------------------------------------------------------- scalars

    private static final String[] SPECIAL_STRINGS = {"", "/", "/a/**", "\u0000", "\uFFFD", "\uFFFF", "\uD83C\uDF9A\uFE0F",
            "héllo wörld – 漢字", "\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000", new String(Character.toChars(0x10FFFF))};

    /** Valid Unicode of 0..12 code points across the UTF-8 length classes, occasionally longer. */
    String string() {
        if (r.nextInt(10) == 0) return SPECIAL_STRINGS[r.nextInt(SPECIAL_STRINGS.length)];
        int n = r.nextInt(20) == 0 ? r.nextInt(200) : r.nextInt(13);
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) sb.appendCodePoint(codePoint());
        return sb.toString();
    }

    private int codePoint() {
        return switch (r.nextInt(6)) {
            case 0, 1 -> 0x20 + r.nextInt(0x5F);             // printable ASCII
            case 2 -> r.nextInt(0x80);                       // any ASCII, controls and NUL included
            case 3 -> 0x80 + r.nextInt(0x800 - 0x80);        // 2-byte UTF-8
            case 4 -> {                                      // 3-byte UTF-8, surrogates excluded
                int c = 0x800 + r.nextInt(0x10000 - 0x800 - 0x800);
                yield c >= 0xD800 ? c + 0x800 : c;
            }
            default -> 0x10000 + r.nextInt(0x110000 - 0x10000); // 4-byte UTF-8
        };
    }

    private String optString() { return r.nextBoolean() ? string() : null; }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    private static final double[] SPECIAL_DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.75, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
            Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000001L), 9007199254740992.0};

    /** Any double bit pattern (NaN payloads too: the codec writes raw bits), or a special value. */
    double f64() {
        return switch (r.nextInt(4)) {
            case 0 -> SPECIAL_DOUBLES[r.nextInt(SPECIAL_DOUBLES.length)];
            case 1 -> r.nextDouble(-1e6, 1e6);
            default -> Double.longBitsToDouble(r.nextLong());
        };
    }

    private static final long[] SPECIAL_LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 0xffff_ffffL,
            1L << 53, (1L << 53) + 1, 1704067200000000L};

    long i64() { return r.nextInt(4) == 0 ? SPECIAL_LONGS[r.nextInt(SPECIAL_LONGS.length)] : r.nextLong(); }

    /** A u64 as the long holding its bits. */
    long u64() { return i64(); }

    private Long optU64() { return r.nextBoolean() ? u64() : null; }

    long u32() {
        return switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 0xffff_ffffL;
            case 2 -> r.nextInt(100);
            default -> r.nextLong(0x1_0000_0000L);
        };
    }

    private Long optU32() { return r.nextBoolean() ? u32() : null; }

    private int u8() { return r.nextInt(256); }

    int nextInt(int bound) { return r.nextInt(bound); }

    SplittableRandom random() { return r; }
}
