package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.GesturePhase;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.ValueKind;
import clasp.api.message.*;
import clasp.protocol.DecodeException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Decodes the legacy MessagePack payload (wire-format §11): a map with a "type" name and the reference's
 * snake_case field names, mapped onto the typed messages. Decode-only; nothing ever encodes this form.
 */
final class LegacyMsgPackDecoder {
    private final DecodeLimits limits;
    private final int maxDepth;

    LegacyMsgPackDecoder(DecodeLimits limits) {
        this.limits = limits;
        this.maxDepth = limits.maxDepth();
    }

    Message decode(ByteBuf buf, int frameStart, int payloadStart, int length) throws DecodeException {
        // A byte[] view, never a direct ByteBuffer: msgpack-core reads direct buffers through sun.nio.ch internals,
        // which Java 17 does not export (IllegalAccessError), and Netty buffers are often direct.
        byte[] bytes = ByteBufUtil.getBytes(buf, payloadStart, length, false);
        int base = payloadStart - frameStart;
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
            Value tree = value(in, length, base, 0);
            if (!(tree instanceof MapValue map)) throw new DecodeException(Kind.INVALID_FIELD, base, "not a map");
            return message(new Fields(map, base), 0);
        } catch (MessageInsufficientBufferException e) {
            throw new DecodeException(Kind.TRUNCATED, base + length, "MessagePack payload ends early");
        } catch (MessagePackException | IOException e) {
            throw new DecodeException(Kind.INVALID_FIELD, base, "malformed MessagePack: " + e.getMessage());
        }
    }

    /** One MessagePack value; every declared length and count is checked against the bytes left. */
    private Value value(MessageUnpacker in, int length, int base, int depth) throws IOException, DecodeException {
        int at = base + (int) in.getTotalReadBytes();
        MessageFormat format = in.getNextFormat();
        switch (format.getValueType()) {
            case NIL: in.unpackNil(); return Value.ofNull();
            case BOOLEAN: return Value.of(in.unpackBoolean());
            case INTEGER:
                if (format == MessageFormat.UINT64) {
                    var big = in.unpackBigInteger();
                    if (big.bitLength() > 63) throw new DecodeException(Kind.INVALID_FIELD, at, "integer beyond i64");
                    return Value.of(big.longValue());
                }
                return Value.of(in.unpackLong());
            case FLOAT: return Value.of(in.unpackDouble());
            case STRING: {
                int n = within(in.unpackRawStringHeader(), limits.maxStringBytes(), Kind.STRING_TOO_LONG, "string", "bytes", at);
                return Value.of(utf8(payload(in, n, length, at), at));
            }
            case BINARY: {
                int n = within(in.unpackBinaryHeader(), limits.maxBytesLength(), Kind.BYTES_TOO_LONG, "bytes value", "bytes", at);
                return BytesValue.copyOf(payload(in, n, length, at));
            }
            case ARRAY: {
                if (depth >= maxDepth) throw new DecodeException(Kind.DEPTH, at, "nested deeper than " + maxDepth);
                int declared = within(in.unpackArrayHeader(), limits.maxArrayLength(), Kind.ARRAY_TOO_LONG, "array", "items", at);
                int n = checkCount(in, declared, 1, length, at);
                List<Value> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(value(in, length, base, depth + 1));
                return new ArrayValue(items);
            }
            case MAP: {
                if (depth >= maxDepth) throw new DecodeException(Kind.DEPTH, at, "nested deeper than " + maxDepth);
                int declared = within(in.unpackMapHeader(), limits.maxMapSize(), Kind.MAP_TOO_LARGE, "map", "entries", at);
                int n = checkCount(in, declared, 2, length, at);
                Map<String, Value> entries = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    int keyAt = base + (int) in.getTotalReadBytes();
                    if (!(value(in, length, base, depth + 1) instanceof StringValue key)) {
                        throw new DecodeException(Kind.INVALID_FIELD, keyAt, "map key is not a string");
                    }
                    entries.put(key.value(), value(in, length, base, depth + 1));
                }
                return MapValue.copyOf(entries);
            }
            default:
                throw new DecodeException(Kind.UNKNOWN_VALUE_TYPE, at, "MessagePack " + format + " is not a CLASP value");
        }
    }

    /** A declared count or length no larger than {@code max}: "array of 70000 items exceeds the limit of 10000". */
    private static int within(int n, int max, Kind kind, String what, String unit, int at) throws DecodeException {
        if (Integer.compareUnsigned(n, max) > 0) {
            throw new DecodeException(kind, at, what + " of " + Integer.toUnsignedString(n) + " " + unit + " exceeds the limit of " + max);
        }
        return n;
    }

    private static int checkCount(MessageUnpacker in, int n, int minBytes, int length, int at) throws DecodeException {
        long left = length - in.getTotalReadBytes();
        if (n < 0 || (long) n * minBytes > left) {
            throw new DecodeException(Kind.LENGTH_MISMATCH, at, "count " + n + " exceeds the " + left + " bytes left");
        }
        return n;
    }

    private static byte[] payload(MessageUnpacker in, int n, int length, int at) throws IOException, DecodeException {
        checkCount(in, n, 1, length, at);
        return in.readPayload(n);
    }

    private static String utf8(byte[] bytes, int at) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(Kind.INVALID_UTF8, at, "string is not valid UTF-8");
        }
    }

    private Message message(Fields f, int depth) throws DecodeException {
        String type = f.string("type");
        return switch (type == null ? "" : type) {
            case "HELLO" -> new HelloMessage((int) f.u(f.require("version"), "version", 0xFF), features(f),
                    f.stringOr("name", ""), f.string("token"));
            case "WELCOME" -> new WelcomeMessage((int) f.u(f.require("version"), "version", 0xFF), features(f),
                    f.u(f.require("time"), "time", -1), f.stringOr("session", ""), f.stringOr("name", ""), f.string("token"));
            case "ANNOUNCE" -> new AnnounceMessage(f.string("namespace"), signals(f, true));
            case "RESULT" -> new ResultMessage(signals(f, false));
            case "SUBSCRIBE" -> {
                Fields o = f.fields("options");
                SubscribeOptions options = o == null ? null : new SubscribeOptions(o.u32("max_rate"),
                        o.f64("epsilon"), o.u32("history"), o.u32("window"));
                yield new SubscribeMessage(f.u(f.require("id"), "id", 0xffff_ffffL), f.stringOr("pattern", ""),
                        types(f), options);
            }
            case "UNSUBSCRIBE" -> new UnsubscribeMessage(f.u(f.require("id"), "id", 0xffff_ffffL));
            case "PUBLISH" -> publish(f);
            case "SET" -> new SetMessage(f.stringOr("address", ""), f.valueOr("value"), f.u64("revision"),
                    f.bool("lock"), f.bool("unlock"), ttl(f));
            case "GET" -> new GetMessage(f.stringOr("address", ""));
            case "SNAPSHOT" -> {
                List<ParamEntry> params = new ArrayList<>();
                for (Fields p : f.list("params")) {
                    params.add(new ParamEntry(p.stringOr("address", ""), p.valueOr("value"),
                            p.u(p.require("revision"), "revision", -1), p.string("writer"), p.u64("timestamp")));
                }
                yield new SnapshotMessage(params);
            }
            case "REPLAY" -> new ReplayMessage(f.stringOr("pattern", ""), f.u64("from"), f.u64("to"),
                    f.u32("limit"), types(f));
            case "BUNDLE" -> {
                if (depth >= maxDepth) throw f.error(Kind.DEPTH, "bundles nested deeper than " + maxDepth);
                List<Message> messages = new ArrayList<>();
                for (Fields m : f.list("messages")) messages.add(message(m, depth + 1));
                yield new BundleMessage(f.u64("timestamp"), messages);
            }
            case "SYNC" -> new SyncMessage(f.u(f.require("t1"), "t1", -1), f.u64("t2"), f.u64("t3"));
            case "PING" -> PingMessage.INSTANCE;
            case "PONG" -> PongMessage.INSTANCE;
            case "ACK" -> new AckMessage(f.string("address"), f.u64("revision"),
                    f.has("locked") ? f.bool("locked") : null, f.string("holder"), f.u32("correlation_id"));
            case "ERROR" -> new ErrorMessage((int) f.u(f.require("code"), "code", 0xFFFF), f.stringOr("message", ""),
                    f.string("address"), f.u32("correlation_id"));
            case "QUERY" -> new QueryMessage(f.stringOr("pattern", ""));
            default -> throw f.error(Kind.UNKNOWN_TYPE, "unknown legacy message type " + type);
        };
    }

    private static Set<Feature> features(Fields f) throws DecodeException {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (String name : f.strings("features")) {
            for (Feature feature : Feature.values()) if (feature.name().equalsIgnoreCase(name)) set.add(feature);
        }
        return set;
    }

    private static Set<SignalType> types(Fields f) throws DecodeException {
        Set<SignalType> set = EnumSet.noneOf(SignalType.class);
        for (String name : f.strings("types")) set.add(signalType(name));
        return set;
    }

    /** Unknown names read as EVENT, as unknown codes do on the binary wire. */
    private static SignalType signalType(String name) {
        for (SignalType t : SignalType.values()) if (t.name().equalsIgnoreCase(name)) return t;
        return SignalType.EVENT;
    }

    private static List<SignalDefinition> signals(Fields f, boolean withMeta) throws DecodeException {
        List<SignalDefinition> signals = new ArrayList<>();
        for (Fields s : f.list("signals")) {
            SignalMeta meta = null;
            Fields m = withMeta ? s.fields("meta") : null;
            if (m != null) {
                List<Value> range = m.has("range") ? m.array("range") : null;
                Double min = range != null && range.size() == 2 ? number(range.get(0)) : null;
                Double max = range != null && range.size() == 2 ? number(range.get(1)) : null;
                if (min == null || max == null) min = max = null; // a range needs two numbers, else none
                meta = new SignalMeta(m.string("unit"), min, max,
                        m.has("default") ? m.valueOr("default") : null, m.string("description"));
            }
            signals.add(new SignalDefinition(s.stringOr("address", ""), signalType(s.stringOr("type", "event")),
                    s.string("datatype"), s.string("access"), meta));
        }
        return signals;
    }

    private static Double number(Value v) {
        if (v instanceof FloatValue fv) return fv.value();
        if (v instanceof IntValue iv) return (double) iv.value();
        return null;
    }

    private static PublishMessage publish(Fields f) throws DecodeException {
        Value value = f.has("value") ? f.valueOr("value") : f.has("payload") ? f.valueOr("payload") : null;
        double[] samples = null;
        if (value == null && f.has("samples")) {
            List<Value> list = f.array("samples");
            samples = new double[list.size()];
            for (int i = 0; i < samples.length; i++) {
                Double d = number(list.get(i));
                if (d == null) throw f.error(Kind.INVALID_FIELD, "sample is not a number");
                samples[i] = d;
            }
        }
        GesturePhase phase = GesturePhase.START;
        String phaseName = f.string("phase");
        for (GesturePhase p : GesturePhase.values()) if (p.name().equalsIgnoreCase(phaseName)) phase = p;
        return new PublishMessage(f.stringOr("address", ""), signalType(f.stringOr("signal", "event")), value,
                samples, f.u64("timestamp"), f.u32("id"), phase, f.u32("rate"));
    }

    /** serde's externally tagged TTL: {"Sliding": s}, {"Absolute": s} or "Never". */
    private static Ttl ttl(Fields f) throws DecodeException {
        Value v = f.get("ttl");
        if (v == null || v.kind() == ValueKind.NULL) return null;
        if (v instanceof StringValue s && s.value().equals("Never")) return new Ttl(0, false);
        if (v instanceof MapValue m && m.size() == 1) {
            var e = m.entries().entrySet().iterator().next();
            long seconds = f.u(e.getValue(), "ttl", 0x7fff_ffffL);
            if (e.getKey().equals("Sliding")) return new Ttl(seconds, false);
            if (e.getKey().equals("Absolute")) return new Ttl(seconds, true);
        }
        throw f.error(Kind.INVALID_FIELD, "ttl is not Sliding, Absolute or Never");
    }

    /** Typed reads of one map's fields; absent or nil fields read as null. */
    private record Fields(MapValue map, int offset) {
        DecodeException error(Kind kind, String detail) { return new DecodeException(kind, offset, detail); }

        boolean has(String key) { return map.get(key) != null && map.get(key).kind() != ValueKind.NULL; }

        Value get(String key) { return map.get(key); }

        Value require(String key) throws DecodeException {
            if (!has(key)) throw error(Kind.INVALID_FIELD, "missing field " + key);
            return map.get(key);
        }

        Value valueOr(String key) { return has(key) ? map.get(key) : Value.ofNull(); }

        String string(String key) throws DecodeException {
            if (!has(key)) return null;
            if (map.get(key) instanceof StringValue s) return s.value();
            throw error(Kind.INVALID_FIELD, key + " is not a string");
        }

        String stringOr(String key, String fallback) throws DecodeException {
            String s = string(key);
            return s == null ? fallback : s;
        }

        boolean bool(String key) throws DecodeException {
            if (!has(key)) return false;
            if (map.get(key) instanceof BoolValue b) return b.value();
            throw error(Kind.INVALID_FIELD, key + " is not a boolean");
        }

        Double f64(String key) throws DecodeException {
            if (!has(key)) return null;
            Double d = number(map.get(key));
            if (d == null) throw error(Kind.INVALID_FIELD, key + " is not a number");
            return d;
        }

        /** A non-negative integer no larger than {@code max}; max -1 means any (u64 above 2^63 is refused earlier). */
        long u(Value v, String key, long max) throws DecodeException {
            if (v instanceof IntValue i && i.value() >= 0 && (max == -1 || i.value() <= max)) return i.value();
            throw error(Kind.INVALID_FIELD, key + " is not an unsigned integer in range");
        }

        Long u64(String key) throws DecodeException { return has(key) ? u(map.get(key), key, -1) : null; }

        Long u32(String key) throws DecodeException { return has(key) ? u(map.get(key), key, 0xffff_ffffL) : null; }

        List<Value> array(String key) throws DecodeException {
            if (!has(key)) return List.of();
            if (map.get(key) instanceof ArrayValue a) return a.items();
            throw error(Kind.INVALID_FIELD, key + " is not an array");
        }

        List<String> strings(String key) throws DecodeException {
            List<String> out = new ArrayList<>();
            for (Value v : array(key)) {
                if (!(v instanceof StringValue s)) throw error(Kind.INVALID_FIELD, key + " holds a non-string");
                out.add(s.value());
            }
            return out;
        }

        Fields fields(String key) throws DecodeException {
            if (!has(key)) return null;
            if (map.get(key) instanceof MapValue m) return new Fields(m, offset);
            throw error(Kind.INVALID_FIELD, key + " is not a map");
        }

        List<Fields> list(String key) throws DecodeException {
            List<Fields> out = new ArrayList<>();
            for (Value v : array(key)) {
                if (!(v instanceof MapValue m)) throw error(Kind.INVALID_FIELD, key + " holds a non-map");
                out.add(new Fields(m, offset));
            }
            return out;
        }
    }
}
