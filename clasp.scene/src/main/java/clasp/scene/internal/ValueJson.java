package clasp.scene.internal;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.NullValue;
import clasp.api.StringValue;
import clasp.api.Value;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every CLASP value as JSON and back, losslessly. null, booleans, strings, arrays and maps (in their entry order) are
 * themselves; an integer is a JSON number without a point or exponent, a float one with either ({@code 1.0},
 * {@code 1.0E-7}); what JSON has no place for is a one-key marker object: bytes {@code {"$bytes": "<base64>"}}, a float
 * that is not finite {@code {"$float": "NaN"}} ({@code "Infinity"}, {@code "-Infinity"}, or {@code "0x<16 hex digits>"}
 * for a NaN with other bits), and a map whose only key is one of the three markers {@code {"$map": {...}}}.
 */
final class ValueJson {
    static final String BYTES = "$bytes";
    static final String FLOAT = "$float";
    static final String MAP = "$map";
    private static final Set<String> MARKERS = Set.of(BYTES, FLOAT, MAP);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() { }

    static JsonNode write(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof IntValue i) return NODES.numberNode(i.value());
        if (value instanceof FloatValue f) return writeFloat(f.value());
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof BytesValue b) return marker(BYTES, NODES.textNode(Base64.getEncoder().encodeToString(b.toByteArray())));
        if (value instanceof ArrayValue a) {
            ArrayNode items = NODES.arrayNode(a.items().size());
            a.items().forEach(item -> items.add(write(item)));
            return items;
        }
        MapValue map = (MapValue) value;
        ObjectNode entries = NODES.objectNode();
        map.entries().forEach((k, v) -> entries.set(k, write(v)));
        return map.size() == 1 && MARKERS.contains(map.entries().keySet().iterator().next()) ? marker(MAP, entries) : entries;
    }

    private static JsonNode writeFloat(double d) {
        if (Double.isFinite(d)) return NODES.numberNode(d);
        if (!Double.isNaN(d) || Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(Double.NaN)) {
            return marker(FLOAT, NODES.textNode(Double.toString(d)));
        }
        return marker(FLOAT, NODES.textNode("0x" + HexFormat.of().toHexDigits(Double.doubleToRawLongBits(d))));
    }

    private static ObjectNode marker(String key, JsonNode value) {
        ObjectNode o = NODES.objectNode();
        o.set(key, value);
        return o;
    }

    /** The value {@code node} encodes; {@code where} names it in an error (e.g. {@code scene "intro", param /a/b}). */
    static Value read(JsonNode node, String where) throws SceneFormatException {
        if (node.isNull()) return Value.ofNull();
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) throw new SceneFormatException(where + ": integer outside the 64-bit range");
            return Value.of(node.longValue());
        }
        if (node.isNumber()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) throw new SceneFormatException(where + ": number outside the 64-bit float range");
            return Value.of(d);
        }
        if (node.isTextual()) return Value.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) items.add(read(node.get(i), where + "[" + i + "]"));
            return Value.of(items);
        }
        if (node.isObject()) return readObject(node, where);
        throw new SceneFormatException(where + ": not a JSON value a param can hold");
    }

    private static Value readObject(JsonNode node, String where) throws SceneFormatException {
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode inner = node.get(key);
            switch (key) {
                case BYTES -> { return readBytes(inner, where); }
                case FLOAT -> { return readFloat(inner, where); }
                case MAP -> {
                    if (!inner.isObject()) throw new SceneFormatException(where + ": \"$map\" must be an object");
                    return readEntries(inner, where);
                }
                default -> { }
            }
        }
        return readEntries(node, where);
    }

    private static Value readEntries(JsonNode node, String where) throws SceneFormatException {
        Map<String, Value> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            entries.put(e.getKey(), read(e.getValue(), where + "." + e.getKey()));
        }
        return Value.of(entries);
    }

    private static Value readBytes(JsonNode node, String where) throws SceneFormatException {
        if (node.isTextual()) {
            try {
                return Value.of(Base64.getDecoder().decode(node.textValue()));
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new SceneFormatException(where + ": \"$bytes\" must be base64 text");
    }

    private static Value readFloat(JsonNode node, String where) throws SceneFormatException {
        String text = node.isTextual() ? node.textValue() : "";
        switch (text) {
            case "NaN" -> { return Value.of(Double.NaN); }
            case "Infinity" -> { return Value.of(Double.POSITIVE_INFINITY); }
            case "-Infinity" -> { return Value.of(Double.NEGATIVE_INFINITY); }
            default -> { }
        }
        if (text.length() == 18 && text.startsWith("0x")) {
            try {
                return Value.of(Double.longBitsToDouble(HexFormat.fromHexDigitsToLong(text.substring(2))));
            } catch (IllegalArgumentException e) {
                // falls through to the error below
            }
        }
        throw new SceneFormatException(where + ": \"$float\" must be \"NaN\", \"Infinity\", \"-Infinity\" or \"0x\" and 16 hex digits");
    }
}
