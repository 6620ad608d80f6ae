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
        if (text == null) return BytesValue.copyOf(payload);
        if (this == JSON) {
            JsonNode node = json(text);
            return node == null ? Value.of(text) : value(node);
        }
        String trimmed = text.trim();
        char first = trimmed.isEmpty() ? ' ' : trimmed.charAt(0);
        if (mayBeJson(first)) {
            JsonNode node = json(text);
            if (node != null) return value(node);
        }
        if (mayBeNumber(first)) {
            try {
                return Value.of(Long.parseLong(trimmed));
            } catch (NumberFormatException notInt) {
                try {
                    double d = Double.parseDouble(trimmed);
                    if (Character.isDigit(trimmed.charAt(trimmed.length() - 1))) return Value.of(d);
                } catch (NumberFormatException notNumber) {
                    // falls through to booleans and strings
                }
            }
        }
        if (trimmed.equalsIgnoreCase("true")) return BoolValue.TRUE;
        if (trimmed.equalsIgnoreCase("false")) return BoolValue.FALSE;
        return Value.of(text);
    }

    /** Whether JSON text may start with {@code c}: what cannot is not handed to the parser (a failed parse is costly). */
    private static boolean mayBeJson(char c) {
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }

    private static boolean mayBeNumber(char c) {
        return c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9');
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

    /** The payload as text when it is well-formed UTF-8, else null; checked without exceptions (binary payloads are common). */
    static String utf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return null;
            }
            if (i + extra >= n) return null;   // truncated sequence
            int cp = c & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return null;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return null;
            i += extra + 1;
        }
        return new String(b, StandardCharsets.UTF_8);
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
