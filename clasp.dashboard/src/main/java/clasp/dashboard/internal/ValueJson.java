package clasp.dashboard.internal;

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
import java.util.Base64;

/**
 * A CLASP value as the page shows it: null, booleans, numbers, strings, arrays and maps as themselves; bytes as
 * {@code {"$bytes": "<base64>"}} and a float that is not finite as {@code {"$float": "NaN"}} (the scene files' markers).
 */
final class ValueJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() { }

    static JsonNode write(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof IntValue i) return NODES.numberNode(i.value());
        if (value instanceof FloatValue f) {
            return Double.isFinite(f.value()) ? NODES.numberNode(f.value()) : marker("$float", Double.toString(f.value()));
        }
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof BytesValue b) return marker("$bytes", Base64.getEncoder().encodeToString(b.toByteArray()));
        if (value instanceof ArrayValue a) {
            ArrayNode items = NODES.arrayNode(a.items().size());
            a.items().forEach(item -> items.add(write(item)));
            return items;
        }
        ObjectNode entries = NODES.objectNode();
        ((MapValue) value).entries().forEach((k, v) -> entries.set(k, write(v)));
        return entries;
    }

    private static ObjectNode marker(String key, String text) {
        ObjectNode o = NODES.objectNode();
        o.put(key, text);
        return o;
    }
}
