package clasp.transport.websocket.internal;

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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;

/**
 * The JSON of SSE events. A CLASP value maps to JSON as itself (null, booleans, integers, floats, strings, arrays,
 * maps); the two kinds JSON has no place for get a one-key marker object: bytes {@code {"$bytes":"<base64>"}} and a
 * float that is not finite {@code {"$float":"NaN"}} ({@code "Infinity"}, {@code "-Infinity"}). Thread-safe.
 */
final class SseJson {
    static final String BYTES_MARKER = "$bytes";
    static final String FLOAT_MARKER = "$float";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SseJson() {
    }

    /** One param as an event's data: address, value, revision, then writer and timestamp when known (null: left out). */
    static String param(String address, Value value, Long revision, String writer, Long timestamp) {
        ObjectNode event = NODES.objectNode();
        event.put("address", address);
        event.set("value", value(value));
        if (revision != null) event.put("revision", revision);
        if (writer != null) event.put("writer", writer);
        if (timestamp != null) event.put("timestamp", timestamp);
        return text(event);
    }

    /** An ERROR from the router as an {@code error} event's data. */
    static String error(int code, String message, String address) {
        ObjectNode event = NODES.objectNode();
        event.put("code", code);
        event.put("message", message);
        if (address != null) event.put("address", address);
        return text(event);
    }

    static JsonNode value(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof IntValue i) return NODES.numberNode(i.value());
        if (value instanceof FloatValue f) {
            return Double.isFinite(f.value()) ? NODES.numberNode(f.value())
                    : NODES.objectNode().put(FLOAT_MARKER, Double.toString(f.value()));
        }
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof BytesValue b) {
            return NODES.objectNode().put(BYTES_MARKER, Base64.getEncoder().encodeToString(b.toByteArray()));
        }
        if (value instanceof ArrayValue a) {
            ArrayNode items = NODES.arrayNode(a.items().size());
            a.items().forEach(item -> items.add(value(item)));
            return items;
        }
        ObjectNode entries = NODES.objectNode();
        ((MapValue) value).entries().forEach((k, v) -> entries.set(k, value(v)));
        return entries;
    }

    private static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);   // one line: SSE data must not contain a line break
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("JSON tree not writable", e);   // a tree of plain nodes always is
        }
    }
}
