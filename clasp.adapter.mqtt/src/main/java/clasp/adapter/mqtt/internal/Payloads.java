package clasp.adapter.mqtt.internal;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.NullValue;
import clasp.api.StringValue;
import clasp.api.Value;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MQTT payloads ↔ CLASP values (bridges.md §7.3). {@code auto} (the reference's encodings): inbound UTF-8 is tried as
 * JSON, then a decimal number, then true/false, else it is a String; non-UTF-8 is Bytes. Outbound Bool, Int and Float
 * are their text, a String its raw UTF-8, Bytes the raw bytes, Array and Map JSON. {@code json}: everything is JSON
 * both ways (Bytes as {@code {"$bytes":"<base64>"}}), lossless. In both, an empty payload is Null and Null is an empty
 * payload (MQTT's "no retained message"). Stateless and thread-safe.
 */
enum Payloads {
    AUTO, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BYTES_MARKER = "$bytes";

    static Payloads parse(String text) {
        return switch (text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "auto" -> AUTO;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("payload must be auto or json, is " + text);
        };
    }

    Value decode(byte[] payload) {
        if (payload.length == 0) return NullValue.INSTANCE;
        String text = utf8(payload);
        if (this == JSON) {
            if (text == null) return BytesValue.copyOf(payload);
            JsonNode node = json(text);
            return node == null ? Value.of(text) : value(node);
        }
        if (text == null) return BytesValue.copyOf(payload);
        JsonNode node = json(text);
        if (node != null) return value(node);
        String trimmed = text.trim();
        try {
            return Value.of(Long.parseLong(trimmed));
        } catch (NumberFormatException notInt) {
            try {
                double d = Double.parseDouble(trimmed);
                if (!trimmed.isEmpty() && Character.isDigit(trimmed.charAt(trimmed.length() - 1))) return Value.of(d);
            } catch (NumberFormatException notNumber) {
                // falls through to booleans and strings
            }
        }
        if (trimmed.equalsIgnoreCase("true")) return BoolValue.TRUE;
        if (trimmed.equalsIgnoreCase("false")) return BoolValue.FALSE;
        return Value.of(text);
    }

    byte[] encode(Value value) {
        if (value instanceof NullValue) return new byte[0];
        if (this == AUTO) {
            if (value instanceof BoolValue b) return ascii(Boolean.toString(b.value()));
            if (value instanceof IntValue i) return ascii(Long.toString(i.value()));
            if (value instanceof FloatValue f) return ascii(Double.toString(f.value()));
            if (value instanceof StringValue s) return s.value().getBytes(StandardCharsets.UTF_8);
            if (value instanceof BytesValue b) return b.toByteArray();
        }
        try {
            return MAPPER.writeValueAsBytes(node(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree not writable", e);   // a tree of plain nodes always is
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String utf8(byte[] payload) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    /** §0.1: integers that fit in 64 bits are Int, other numbers Float. */
    private Value value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) return NullValue.INSTANCE;
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isIntegralNumber() && node.canConvertToLong()) return Value.of(node.longValue());
        if (node.isNumber()) return Value.of(node.doubleValue());
        if (node.isTextual()) return Value.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(value(item)));
            return Value.of(items);
        }
        if (this == JSON && node.size() == 1 && node.get(BYTES_MARKER) != null && node.get(BYTES_MARKER).isTextual()) {
            try {
                return BytesValue.copyOf(Base64.getDecoder().decode(node.get(BYTES_MARKER).textValue()));
            } catch (IllegalArgumentException notBase64) {
                // an ordinary map
            }
        }
        Map<String, Value> entries = new LinkedHashMap<>();
        node.properties().forEach(e -> entries.put(e.getKey(), value(e.getValue())));
        return Value.of(entries);
    }

    private static JsonNode node(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof IntValue i) return NODES.numberNode(i.value());
        if (value instanceof FloatValue f) return Double.isFinite(f.value()) ? NODES.numberNode(f.value()) : NODES.nullNode();
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof BytesValue b) {
            return NODES.objectNode().put(BYTES_MARKER, Base64.getEncoder().encodeToString(b.toByteArray()));
        }
        if (value instanceof ArrayValue a) {
            ArrayNode items = NODES.arrayNode(a.items().size());
            a.items().forEach(item -> items.add(node(item)));
            return items;
        }
        ObjectNode entries = NODES.objectNode();
        ((MapValue) value).entries().forEach((k, v) -> entries.set(k, node(v)));
        return entries;
    }
}
