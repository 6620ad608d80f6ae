package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.protocol.DecodeException.Kind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decodes compact-binary message bodies (wire-format §4, §6). */
final class PayloadDecoder {
    private final DecodeLimits limits;
    private final int maxDepth;

    PayloadDecoder(DecodeLimits limits) {
        this.limits = limits;
        this.maxDepth = limits.maxDepth();
    }

    /** The message filling the reader's region (bytes after a fixed-length body are ignored). */
    Message message(WireReader in, int depth) throws DecodeException {
        int code = in.u8("message type");
        MessageType type = MessageType.fromCode(code);
        if (type == null) throw in.error(Kind.UNKNOWN_TYPE, "unknown message type 0x" + Integer.toHexString(code));
        return switch (type) {
            case HELLO -> hello(in);
            case WELCOME -> welcome(in);
            case ANNOUNCE -> announce(in);
            case FEDERATION_SYNC -> federationSync(in);
            case SUBSCRIBE -> subscribe(in);
            case UNSUBSCRIBE -> new UnsubscribeMessage(in.u32("id"));
            case PUBLISH -> publish(in);
            case SET -> set(in);
            case GET -> new GetMessage(in.string("address"));
            case SNAPSHOT -> snapshot(in);
            case REPLAY -> replay(in);
            case BUNDLE -> bundle(in, depth);
            case SYNC -> sync(in);
            case PING -> PingMessage.INSTANCE;
            case PONG -> PongMessage.INSTANCE;
            case ACK -> ack(in);
            case ERROR -> error(in);
            case QUERY -> new QueryMessage(in.string("pattern"));
            case RESULT -> result(in);
        };
    }

    private static Set<Feature> features(int bits) {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) if ((bits & f.bit()) != 0) set.add(f);
        return set;
    }

    private HelloMessage hello(WireReader in) throws DecodeException {
        int version = in.u8("version");
        Set<Feature> features = features(in.u8("features"));
        String name = in.string("name");
        return new HelloMessage(version, features, name, in.string("token"));
    }

    private WelcomeMessage welcome(WireReader in) throws DecodeException {
        int version = in.u8("version");
        Set<Feature> features = features(in.u8("features"));
        long time = in.i64("time");
        String session = in.string("session");
        String name = in.string("name");
        return new WelcomeMessage(version, features, time, session, name, in.string("token"));
    }

    private AnnounceMessage announce(WireReader in) throws DecodeException {
        String namespace = in.string("namespace");
        return new AnnounceMessage(namespace, signals(in, true));
    }

    /** The signal list of ANNOUNCE (with meta) or RESULT (meta has no wire form there). */
    private List<SignalDefinition> signals(WireReader in, boolean withMeta) throws DecodeException {
        int n = in.count("signals", 4);
        List<SignalDefinition> signals = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String address = in.string("signal address");
            SignalType type = SignalType.fromCode(in.u8("signal type"));
            int opt = in.u8("signal options");
            String datatype = (opt & 0x01) != 0 ? in.string("datatype") : null;
            String access = (opt & 0x02) != 0 ? in.string("access") : null;
            SignalMeta meta = withMeta && (opt & 0x04) != 0 ? meta(in) : null;
            signals.add(new SignalDefinition(address, type, datatype, access, meta));
        }
        return signals;
    }

    private SignalMeta meta(WireReader in) throws DecodeException {
        int flags = in.u8("meta flags");
        String unit = (flags & 0x01) != 0 ? in.string("unit") : null;
        Double min = null, max = null;
        if ((flags & 0x02) != 0) {
            min = in.f64("range min");
            max = in.f64("range max");
        }
        Value def = (flags & 0x04) != 0 ? value(in, in.u8("default type"), 0) : null;
        String description = (flags & 0x08) != 0 ? in.string("description") : null;
        return new SignalMeta(unit, min, max, def, description);
    }

    private FederationSyncMessage federationSync(WireReader in) throws DecodeException {
        int code = in.u8("op");
        FederationOp op = FederationOp.fromCode(code);
        if (op == null) throw in.error(Kind.INVALID_FIELD, "unknown federation op " + code);
        int np = in.count("patterns", 2);
        List<String> patterns = new ArrayList<>(np);
        for (int i = 0; i < np; i++) patterns.add(in.string("pattern"));
        int nr = in.count("revisions", 10);
        Map<String, Long> revisions = new LinkedHashMap<>();
        for (int i = 0; i < nr; i++) revisions.put(in.string("revision key"), in.i64("revision"));
        int flags = in.u8("flags");
        Long since = (flags & 0x80) != 0 ? in.i64("sinceRevision") : null;
        String origin = (flags & 0x40) != 0 ? in.string("origin") : null;
        return new FederationSyncMessage(op, patterns, revisions, since, origin);
    }

    /** Mask 0xFF (and any mask naming no known type) means all types: the empty set. */
    static Set<SignalType> types(int mask) {
        Set<SignalType> set = EnumSet.noneOf(SignalType.class);
        if (mask == 0xFF) return set;
        for (SignalType t : SignalType.values()) if ((mask & t.maskBit()) != 0) set.add(t);
        return set;
    }

    private SubscribeMessage subscribe(WireReader in) throws DecodeException {
        long id = in.u32("id");
        String pattern = in.string("pattern");
        Set<SignalType> types = types(in.u8("type mask"));
        int opt = in.u8("options");
        Long maxRate = (opt & 0x01) != 0 ? in.u32("maxRate") : null;
        Double epsilon = (opt & 0x02) != 0 ? in.f64("epsilon") : null;
        Long history = (opt & 0x04) != 0 ? in.u32("history") : null;
        Long window = (opt & 0x08) != 0 ? in.u32("window") : null;
        return new SubscribeMessage(id, pattern, types, new SubscribeOptions(maxRate, epsilon, history, window));
    }

    private PublishMessage publish(WireReader in) throws DecodeException {
        int flags = in.u8("flags");
        String address = in.string("address");
        int indicator = in.u8("value indicator");
        Value value = null;
        double[] samples = null;
        if (indicator == 1) {
            value = value(in, in.u8("value type"), 0);
        } else if (indicator == 2) {
            int n = in.count("samples", 8, limits.maxArrayLength(), Kind.ARRAY_TOO_LONG, "items");
            samples = new double[n];
            for (int i = 0; i < n; i++) samples[i] = in.f64("sample");
        }
        Long timestamp = (flags & 0x10) != 0 ? in.i64("timestamp") : null;
        Long id = (flags & 0x08) != 0 ? in.u32("id") : null;
        Long rate = in.remaining() >= 4 ? in.u32("rate") : null;  // rate has no flag: present iff 4 bytes remain
        return new PublishMessage(address, SignalType.fromCode(flags >>> 5), value, samples, timestamp, id,
                GesturePhase.fromCode(flags & 0x07), rate);
    }

    private SetMessage set(WireReader in) throws DecodeException {
        int flags = in.u8("flags");
        String address = in.string("address");
        Value value = value(in, flags & 0x0F, 0);
        Long revision = (flags & 0x80) != 0 ? in.i64("revision") : null;
        Ttl ttl = null;
        if ((flags & 0x10) != 0) {
            long raw = in.u32("ttl");
            ttl = new Ttl(raw & 0x7fff_ffffL, (raw & 0x8000_0000L) != 0);
        }
        return new SetMessage(address, value, revision, (flags & 0x40) != 0, (flags & 0x20) != 0, ttl);
    }

    private SnapshotMessage snapshot(WireReader in) throws DecodeException {
        int n = in.count("params", 12);
        List<ParamEntry> params = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String address = in.string("param address");
            Value value = value(in, in.u8("value type"), 0);
            long revision = in.i64("revision");
            int opt = in.u8("param options");
            String writer = (opt & 0x01) != 0 ? in.string("writer") : null;
            Long timestamp = (opt & 0x02) != 0 ? in.i64("timestamp") : null;
            params.add(new ParamEntry(address, value, revision, writer, timestamp));
        }
        return new SnapshotMessage(params);
    }

    private ReplayMessage replay(WireReader in) throws DecodeException {
        int flags = in.u8("flags");
        String pattern = in.string("pattern");
        Long from = (flags & 0x80) != 0 ? in.i64("from") : null;
        Long to = (flags & 0x40) != 0 ? in.i64("to") : null;
        Long limit = (flags & 0x20) != 0 ? in.u32("limit") : null;
        return new ReplayMessage(pattern, from, to, limit, types(in.u8("type mask")));
    }

    private BundleMessage bundle(WireReader in, int depth) throws DecodeException {
        if (depth >= maxDepth) throw in.error(Kind.DEPTH, "bundles nested deeper than " + maxDepth);
        int flags = in.u8("flags");
        int n = in.count("messages", 3);
        Long timestamp = (flags & 0x80) != 0 ? in.i64("timestamp") : null;
        List<Message> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int length = in.length("inner message");
            if (length == 0) throw in.error(Kind.EMPTY_PAYLOAD, "empty inner message");
            int outer = in.limit(length);
            int next = in.position() + length;
            messages.add(message(in, depth + 1));
            in.restoreEnd(outer);
            in.skip(next - in.position());
        }
        return new BundleMessage(timestamp, messages);
    }

    private SyncMessage sync(WireReader in) throws DecodeException {
        int flags = in.u8("flags");
        long t1 = in.i64("t1");
        Long t2 = (flags & 0x01) != 0 ? in.i64("t2") : null;
        Long t3 = (flags & 0x02) != 0 ? in.i64("t3") : null;
        return new SyncMessage(t1, t2, t3);
    }

    private AckMessage ack(WireReader in) throws DecodeException {
        int flags = in.u8("flags");
        String address = (flags & 0x01) != 0 ? in.string("address") : null;
        Long revision = (flags & 0x02) != 0 ? in.i64("revision") : null;
        Boolean locked = (flags & 0x04) != 0 ? in.u8("locked") != 0 : null;
        String holder = (flags & 0x08) != 0 ? in.string("holder") : null;
        Long correlationId = (flags & 0x10) != 0 ? in.u32("correlationId") : null;
        return new AckMessage(address, revision, locked, holder, correlationId);
    }

    private ErrorMessage error(WireReader in) throws DecodeException {
        int code = in.u16("code");
        String message = in.string("message");
        int flags = in.u8("flags");
        String address = (flags & 0x01) != 0 ? in.string("address") : null;
        Long correlationId = (flags & 0x02) != 0 ? in.u32("correlationId") : null;
        return new ErrorMessage(code, message, address, correlationId);
    }

    private ResultMessage result(WireReader in) throws DecodeException {
        return new ResultMessage(signals(in, false));
    }

    /** A value body whose type code has already been read. */
    Value value(WireReader in, int code, int depth) throws DecodeException {
        switch (code) {
            case 0x00: return Value.ofNull();
            case 0x01: return Value.of(in.u8("bool") != 0);
            case 0x02: return Value.of((long) (byte) in.u8("i8"));
            case 0x03: return Value.of((long) (short) in.u16("i16"));
            case 0x04: return Value.of((long) in.i32("i32"));
            case 0x05: return Value.of(in.i64("i64"));
            case 0x06: return Value.of((double) Float.intBitsToFloat(in.i32("f32")));
            case 0x07: return Value.of(in.f64("f64"));
            case 0x08: return Value.of(in.string("string"));
            case 0x09: return BytesValue.copyOf(in.bytes("bytes value", limits.maxBytesLength()));
            case 0x0A: return array(in, depth);
            case 0x0B: return map(in, depth);
            default:
                throw in.error(Kind.UNKNOWN_VALUE_TYPE, "unknown value type 0x" + Integer.toHexString(code));
        }
    }

    private ArrayValue array(WireReader in, int depth) throws DecodeException {
        if (depth >= maxDepth) throw in.error(Kind.DEPTH, "values nested deeper than " + maxDepth);
        int n = in.count("array", 1, limits.maxArrayLength(), Kind.ARRAY_TOO_LONG, "items");
        List<Value> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) items.add(value(in, in.u8("value type"), depth + 1));
        return new ArrayValue(items);
    }

    private MapValue map(WireReader in, int depth) throws DecodeException {
        if (depth >= maxDepth) throw in.error(Kind.DEPTH, "values nested deeper than " + maxDepth);
        int n = in.count("map", 3, limits.maxMapSize(), Kind.MAP_TOO_LARGE, "entries");
        Map<String, Value> entries = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String key = in.string("map key");
            entries.put(key, value(in, in.u8("value type"), depth + 1));
        }
        return MapValue.copyOf(entries);
    }
}
