package clasp.protocol;

import clasp.api.ArrayValue;
import clasp.api.BytesValue;
import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.MapValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import clasp.protocol.EncodeException.Kind;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the JSON message form of {@code wire-vectors.json} (wire-format §14, §14.1) to Java messages.
 *
 * <p>Conventions: {@code {"$bytes":hex}} is a bytes value; {@code {"$f64":"NaN"|"Infinity"|"-Infinity"|"-0"}} a
 * float; {@code {"$i64":dec}} an integer value; a plain number in a value position is a float (f64); a
 * {@code {"$u64":dec}} in a value position is a JS bigint, which the JS encoder writes as null. Fixed-width fields
 * (ids, codes, revisions, timestamps, ...) take an integral JSON number or {@code {"$u64":dec}}; a fractional or
 * out-of-range value there is an {@link EncodeException} of kind {@link Kind#INVALID_FIELD}. Object key order is
 * kept (Jackson's {@code ObjectNode} is insertion-ordered), so map values keep their wire order.
 */
final class VectorMessages {
    /** Floats as BigDecimal so that fractional fixed-width fields are detected exactly. */
    static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private VectorMessages() {}

    /** The vectors of the test resource {@code clasp/protocol/wire-vectors.json}, in file order. */
    static List<JsonNode> load() {
        try (InputStream in = VectorMessages.class.getResourceAsStream("wire-vectors.json")) {
            if (in == null) throw new IllegalStateException("test resource clasp/protocol/wire-vectors.json is missing");
            JsonNode root = JSON.readTree(in);
            List<JsonNode> vectors = new ArrayList<>();
            root.forEach(vectors::add);
            return vectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] hex(String hex) { return HexFormat.of().parseHex(hex); }

    static String hex(byte[] bytes) { return HexFormat.of().formatHex(bytes); }

    // ---------------------------------------------------------------- messages

    static Message message(JsonNode m) throws EncodeException {
        String type = text(m, "type");
        if (type == null) throw invalid("message has no type: " + m);
        switch (type) {
            case "HELLO":
                return new HelloMessage(u8(req(m, "version"), "version"), features(m.get("features")),
                        textOr(m, "name", ""), text(m, "token"));
            case "WELCOME":
                return new WelcomeMessage(u8(req(m, "version"), "version"), features(m.get("features")),
                        u64(req(m, "time"), "time"), textOr(m, "session", ""), textOr(m, "name", ""),
                        text(m, "token"));
            case "ANNOUNCE":
                return new AnnounceMessage(text(m, "namespace"), signals(m.get("signals"), true));
            case "RESULT":
                return new ResultMessage(signals(m.get("signals"), false));
            case "SUBSCRIBE":
                return new SubscribeMessage(u32(req(m, "id"), "id"), textOr(m, "pattern", ""),
                        types(m.get("types")), options(m.get("options")));
            case "UNSUBSCRIBE":
                return new UnsubscribeMessage(u32(req(m, "id"), "id"));
            case "PUBLISH":
                return publish(m);
            case "SET": {
                Ttl ttl = null;
                if (present(m, "ttl")) {
                    long seconds = unsigned(m.get("ttl"), "ttl", BigInteger.valueOf(0x7fff_ffffL));
                    ttl = new Ttl(seconds, bool(m, "absolute"));
                } else if (bool(m, "absolute")) {
                    throw invalid("SET absolute without ttl");
                }
                return new SetMessage(textOr(m, "address", ""), valueOrNull(m.get("value")),
                        optU64(m, "revision"), bool(m, "lock"), bool(m, "unlock"), ttl);
            }
            case "GET":
                return new GetMessage(textOr(m, "address", ""));
            case "SNAPSHOT": {
                List<ParamEntry> params = new ArrayList<>();
                for (JsonNode p : list(m.get("params"))) {
                    params.add(new ParamEntry(textOr(p, "address", ""), valueOrNull(p.get("value")),
                            u64(req(p, "revision"), "revision"), text(p, "writer"), optU64(p, "timestamp")));
                }
                return new SnapshotMessage(params);
            }
            case "REPLAY":
                return new ReplayMessage(textOr(m, "pattern", ""), optU64(m, "from"), optU64(m, "to"),
                        optU32(m, "limit"), types(m.get("types")));
            case "BUNDLE": {
                List<Message> messages = new ArrayList<>();
                for (JsonNode inner : list(m.get("messages"))) messages.add(message(inner));
                return new BundleMessage(optU64(m, "timestamp"), messages);
            }
            case "SYNC":
                return new SyncMessage(u64(req(m, "t1"), "t1"), optU64(m, "t2"), optU64(m, "t3"));
            case "PING":
                return PingMessage.INSTANCE;
            case "PONG":
                return PongMessage.INSTANCE;
            case "ACK":
                return new AckMessage(text(m, "address"), optU64(m, "revision"),
                        present(m, "locked") ? m.get("locked").asBoolean() : null, text(m, "holder"),
                        optU32(m, "correlationId"));
            case "ERROR":
                return new ErrorMessage((int) unsigned(req(m, "code"), "code", BigInteger.valueOf(0xFFFF)),
                        textOr(m, "message", ""), text(m, "address"), optU32(m, "correlationId"));
            case "QUERY":
                return new QueryMessage(textOr(m, "pattern", ""));
            case "FEDERATION_SYNC": {
                List<String> patterns = new ArrayList<>();
                for (JsonNode p : list(m.get("patterns"))) patterns.add(p.asText());
                Map<String, Long> revisions = new LinkedHashMap<>();
                JsonNode revs = m.get("revisions");
                if (revs != null && !revs.isNull()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = revs.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        revisions.put(e.getKey(), u64(e.getValue(), "revision " + e.getKey()));
                    }
                }
                return new FederationSyncMessage(federationOp(text(m, "op")), patterns, revisions,
                        optU64(m, "sinceRevision"), text(m, "origin"));
            }
            default:
                throw invalid("unknown message type " + type);
        }
    }

    private static PublishMessage publish(JsonNode m) throws EncodeException {
        // The encoder writes value if present, else payload, else samples, else nothing (wire-format §6.6).
        Value value = null;
        double[] samples = null;
        if (m.has("value")) {
            value = value(m.get("value"));
        } else if (m.has("payload")) {
            value = value(m.get("payload"));
        } else if (present(m, "samples")) {
            List<JsonNode> list = list(m.get("samples"));
            samples = new double[list.size()];
            for (int i = 0; i < samples.length; i++) samples[i] = number(list.get(i));
        }
        SignalType signal = present(m, "signal") ? signalType(m.get("signal").asText()) : SignalType.EVENT;
        GesturePhase phase = present(m, "phase") ? phase(m.get("phase").asText()) : GesturePhase.START;
        return new PublishMessage(textOr(m, "address", ""), signal, value, samples, optU64(m, "timestamp"),
                optU32(m, "id"), phase, optU32(m, "rate"));
    }

    private static List<SignalDefinition> signals(JsonNode node, boolean withMeta) throws EncodeException {
        List<SignalDefinition> out = new ArrayList<>();
        for (JsonNode s : list(node)) {
            SignalMeta meta = null;
            JsonNode m = s.get("meta");
            if (withMeta && m != null && !m.isNull()) {
                Double min = null, max = null;
                if (present(m, "range")) {
                    List<JsonNode> range = list(m.get("range"));
                    if (range.size() != 2) throw invalid("meta range needs [min, max]: " + m.get("range"));
                    min = number(range.get(0));
                    max = number(range.get(1));
                }
                meta = new SignalMeta(text(m, "unit"), min, max, m.has("default") ? value(m.get("default")) : null,
                        text(m, "description"));
            }
            out.add(new SignalDefinition(textOr(s, "address", ""), signalType(textOr(s, "type", "event")),
                    text(s, "datatype"), text(s, "access"), meta));
        }
        return out;
    }

    private static SubscribeOptions options(JsonNode o) throws EncodeException {
        if (o == null || o.isNull()) return null;
        SubscribeOptions options = new SubscribeOptions(optU32(o, "maxRate"),
                present(o, "epsilon") ? number(o.get("epsilon")) : null, optU32(o, "history"), optU32(o, "window"));
        return options.isEmpty() ? null : options;
    }

    /** Feature names; unknown names are ignored, as by the JS encoder (§5.5). */
    private static Set<Feature> features(JsonNode node) throws EncodeException {
        Set<Feature> set = EnumSet.noneOf(Feature.class);
        for (JsonNode f : list(node)) {
            for (Feature feature : Feature.values()) {
                if (feature.name().toLowerCase(Locale.ROOT).equals(f.asText())) set.add(feature);
            }
        }
        return set;
    }

    /** A types list; absent or empty = all types (the empty set). */
    private static Set<SignalType> types(JsonNode node) throws EncodeException {
        Set<SignalType> set = EnumSet.noneOf(SignalType.class);
        for (JsonNode t : list(node)) set.add(signalType(t.asText()));
        return set;
    }

    /** Unknown signal names encode as event (§5.2). */
    static SignalType signalType(String name) {
        for (SignalType t : SignalType.values()) if (t.name().toLowerCase(Locale.ROOT).equals(name)) return t;
        return SignalType.EVENT;
    }

    /** Unknown phase names encode as start (§5.3). */
    static GesturePhase phase(String name) {
        for (GesturePhase p : GesturePhase.values()) if (p.name().toLowerCase(Locale.ROOT).equals(name)) return p;
        return GesturePhase.START;
    }

    private static FederationOp federationOp(String name) throws EncodeException {
        if (name == null) throw invalid("FEDERATION_SYNC without op");
        return switch (name) {
            case "DeclareNamespaces" -> FederationOp.DECLARE_NAMESPACES;
            case "RequestSync" -> FederationOp.REQUEST_SYNC;
            case "RevisionVector" -> FederationOp.REVISION_VECTOR;
            case "SyncComplete" -> FederationOp.SYNC_COMPLETE;
            default -> throw invalid("unknown federation op " + name);
        };
    }

    // ---------------------------------------------------------------- values

    /** A value; a missing (JS undefined) value is null. */
    private static Value valueOrNull(JsonNode node) throws EncodeException {
        return node == null ? Value.ofNull() : value(node);
    }

    static Value value(JsonNode node) throws EncodeException {
        if (node == null || node.isNull()) return Value.ofNull();
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isNumber()) return Value.of(number(node));
        if (node.isTextual()) return Value.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (JsonNode item : node) items.add(value(item));
            return new ArrayValue(items);
        }
        if (node.isObject()) {
            if (node.size() == 1) {
                if (node.has("$bytes")) return BytesValue.copyOf(hex(node.get("$bytes").asText()));
                if (node.has("$f64")) return Value.of(special(node.get("$f64").asText()));
                if (node.has("$i64")) return Value.of(Long.parseLong(node.get("$i64").asText()));
                if (node.has("$u64")) return Value.ofNull(); // a JS bigint value: the JS encoder writes null (§4)
            }
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                entries.put(e.getKey(), value(e.getValue()));
            }
            return MapValue.copyOf(entries);
        }
        throw invalid("not a value: " + node);
    }

    /** A double: a plain JSON number (exactly rounded from its decimal text) or a {@code $f64} special. */
    static double number(JsonNode node) throws EncodeException {
        if (node.isObject() && node.size() == 1 && node.has("$f64")) return special(node.get("$f64").asText());
        if (!node.isNumber()) throw invalid("not a number: " + node);
        if (node.isIntegralNumber()) return Double.parseDouble(node.bigIntegerValue().toString());
        return Double.parseDouble(node.decimalValue().toString());
    }

    private static double special(String s) throws EncodeException {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "-0" -> -0.0;
            default -> throw invalid("unknown $f64 " + s);
        };
    }

    // ---------------------------------------------------------------- fixed-width fields

    static long u64(JsonNode node, String field) throws EncodeException { return unsigned(node, field, U64_MAX); }

    static long u32(JsonNode node, String field) throws EncodeException {
        return unsigned(node, field, BigInteger.valueOf(0xffff_ffffL));
    }

    static int u8(JsonNode node, String field) throws EncodeException {
        return (int) unsigned(node, field, BigInteger.valueOf(0xFF));
    }

    private static Long optU64(JsonNode m, String field) throws EncodeException {
        return present(m, field) ? u64(m.get(field), field) : null;
    }

    private static Long optU32(JsonNode m, String field) throws EncodeException {
        return present(m, field) ? u32(m.get(field), field) : null;
    }

    /**
     * An unsigned integer field no larger than {@code max}, as the long holding its bits (u64 values above 2^63-1
     * are negative longs). A fractional, negative, too large or non-numeric value is INVALID_FIELD.
     */
    static long unsigned(JsonNode node, String field, BigInteger max) throws EncodeException {
        BigInteger v;
        if (node.isObject() && node.size() == 1 && node.has("$u64")) {
            try {
                v = new BigInteger(node.get("$u64").asText());
            } catch (NumberFormatException e) {
                throw invalid(field + " is not a decimal integer: " + node);
            }
        } else if (node.isIntegralNumber()) {
            v = node.bigIntegerValue();
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) throw invalid(field + " is fractional: " + d);
            v = d.toBigIntegerExact();
        } else {
            throw invalid(field + " is not an integer: " + node);
        }
        if (v.signum() < 0 || v.compareTo(max) > 0) throw invalid(field + " " + v + " is out of range 0.." + max);
        return v.longValue();
    }

    // ---------------------------------------------------------------- JSON helpers

    /** Present and not JSON null (JS undefined fields are omitted from the file). */
    static boolean present(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n != null && !n.isNull();
    }

    private static JsonNode req(JsonNode m, String field) throws EncodeException {
        if (!present(m, field)) throw invalid("missing field " + field + " in " + m);
        return m.get(field);
    }

    private static String text(JsonNode m, String field) throws EncodeException {
        if (!present(m, field)) return null;
        JsonNode n = m.get(field);
        if (!n.isTextual()) throw invalid(field + " is not a string: " + n);
        return n.textValue();
    }

    private static String textOr(JsonNode m, String field, String fallback) throws EncodeException {
        String s = text(m, field);
        return s == null ? fallback : s;
    }

    /** A boolean flag; missing means false (§14.1). */
    private static boolean bool(JsonNode m, String field) { return present(m, field) && m.get(field).asBoolean(); }

    private static List<JsonNode> list(JsonNode node) throws EncodeException {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw invalid("not a list: " + node);
        node.forEach(out::add);
        return out;
    }

    private static EncodeException invalid(String detail) { return new EncodeException(Kind.INVALID_FIELD, detail); }
}
