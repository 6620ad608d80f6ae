package clasp.mqtt.mapping;

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
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MQTT payload ↔ CLASP value (bridges.md §7.3, §0.1). {@link #AUTO} keeps the reference encodings; the others
 * fix one encoding both ways. {@link #decode} returns null for a payload the format cannot read, and
 * {@link #encode} for a value it cannot write: the caller drops and counts those. Binary and plain-text payloads are
 * common, so recognising them throws nothing (a thrown exception per message would cost more than the mapping).
 * Thread-safe.
 */
public enum PayloadFormat {
    /** Inbound: UTF-8 → JSON, else decimal number, else true/false, else String; not UTF-8 → Bytes. Outbound as §7.3. */
    AUTO {
        @Override public Value decode(byte[] payload) {
            String text = utf8(payload);
            if (text == null) return Value.of(payload);
            Value json = json(text);
            if (json != null) return json;
            Value number = number(text);
            if (number != null) return number;
            String word = text.trim();
            if (word.equals("true") || word.equals("false")) return Value.of(word.equals("true"));
            return Value.of(text);
        }

        @Override public byte[] encode(Value value) {
            if (value instanceof StringValue s) return s.value().getBytes(StandardCharsets.UTF_8);
            if (value instanceof BytesValue b) return b.toByteArray();
            return text(value).getBytes(StandardCharsets.UTF_8);
        }
    },
    /** Everything JSON both ways (§0.1), for lossless round trips; Bytes go out as an array of byte numbers. */
    JSON {
        @Override public Value decode(byte[] payload) {
            String text = utf8(payload);
            return text == null ? null : json(text);
        }

        @Override public byte[] encode(Value value) {
            return write(node(value)).getBytes(StandardCharsets.UTF_8);
        }
    },
    /** Decimal text only: an integer is Int, any other number Float; outbound Int and Float only. */
    NUMBER {
        @Override public Value decode(byte[] payload) {
            String text = utf8(payload);
            return text == null ? null : number(text);
        }

        @Override public byte[] encode(Value value) {
            if (!(value instanceof IntValue) && !(value instanceof FloatValue)) return null;
            return text(value).getBytes(StandardCharsets.UTF_8);
        }
    },
    /** UTF-8 text only: inbound always a String; outbound a String raw, anything else as AUTO writes it. */
    STRING {
        @Override public Value decode(byte[] payload) {
            String text = utf8(payload);
            return text == null ? null : Value.of(text);
        }

        @Override public byte[] encode(Value value) {
            return AUTO.encode(value);
        }
    },
    /** Raw bytes: inbound always Bytes; outbound Bytes raw, a String as its UTF-8, anything else as AUTO writes it. */
    BYTES {
        @Override public Value decode(byte[] payload) {
            return Value.of(payload);
        }

        @Override public byte[] encode(Value value) {
            return AUTO.encode(value);
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader READER = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** The value a payload carries, or null when this format cannot read it. */
    public abstract Value decode(byte[] payload);

    /** The payload for a value, or null when this format cannot write it. */
    public abstract byte[] encode(Value value);

    /** The format named {@code name} (any case), or null. */
    public static PayloadFormat named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The payload as text when it is well-formed UTF-8 (as the JDK's strict decoder says), else null. */
    static String utf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int extra = c >= 0xC2 && c <= 0xDF ? 1 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xF0 && c <= 0xF4 ? 3 : -1;
            if (extra < 0 || i + extra >= b.length) return null;   // no lead byte, or a truncated sequence
            int cp = c & (0x3F >> extra);
            for (int k = 1; k <= extra; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) return null;
                cp = (cp << 6) | (cc & 0x3F);
            }
            int min = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return null;   // overlong, too big, surrogate
            i += extra + 1;
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /** The JSON document {@code text} as a value (§0.1), or null when it is not exactly one JSON value. */
    private static Value json(String text) {
        String t = text.strip();
        if (t.isEmpty() || !mayStartJson(t.charAt(0))) return null;   // no parse attempt that can only fail
        try {
            return value(READER.readTree(text));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static boolean mayStartJson(char c) {
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n';
    }

    /** A decimal number: Int when it is an integer that fits in 64 bits, otherwise Float; null when no number. */
    private static Value number(String text) {
        String t = text.trim();
        if (!DECIMAL.matcher(t).matches()) return null;
        if (INTEGER.matcher(t).matches()) {
            try {
                return Value.of(Long.parseLong(t));
            } catch (NumberFormatException tooBig) {
                // falls through to Float
            }
        }
        return Value.of(Double.parseDouble(t));
    }

    private static Value value(JsonNode node) {
        if (node.isNull()) return Value.ofNull();
        if (node.isBoolean()) return Value.of(node.booleanValue());
        if (node.isIntegralNumber()) return node.canConvertToLong() ? Value.of(node.longValue()) : Value.of(node.doubleValue());
        if (node.isNumber()) return Value.of(node.doubleValue());
        if (node.isTextual()) return Value.of(node.textValue());
        if (node.isArray()) {
            List<Value> items = new ArrayList<>(node.size());
            for (JsonNode item : node) items.add(value(item));
            return Value.of(items);
        }
        Map<String, Value> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) entries.put(e.getKey(), value(e.getValue()));
        return Value.of(entries);
    }

    /** AUTO's text for a value that is not a String or Bytes: null, true/false, decimal numbers, JSON for the rest. */
    private static String text(Value value) {
        if (value instanceof NullValue) return "null";
        if (value instanceof BoolValue b) return Boolean.toString(b.value());
        if (value instanceof IntValue i) return Long.toString(i.value());
        if (value instanceof FloatValue f) return decimal(f.value());
        return write(node(value));
    }

    /** A finite float in plain decimal (22.5, 3.0, 0.0001); a non-finite one as JSON null (§0.1). */
    private static String decimal(double d) {
        if (!Double.isFinite(d)) return "null";
        String plain = new BigDecimal(Double.toString(d)).toPlainString();
        return plain.indexOf('.') >= 0 ? plain : plain + ".0";
    }

    private static JsonNode node(Value value) {
        if (value instanceof NullValue) return NODES.nullNode();
        if (value instanceof BoolValue b) return NODES.booleanNode(b.value());
        if (value instanceof IntValue i) return NODES.numberNode(i.value());
        if (value instanceof FloatValue f) return Double.isFinite(f.value()) ? NODES.numberNode(f.value()) : NODES.nullNode();
        if (value instanceof StringValue s) return NODES.textNode(s.value());
        if (value instanceof BytesValue b) {
            ArrayNode bytes = NODES.arrayNode(b.length());
            for (int i = 0; i < b.length(); i++) bytes.add(b.get(i) & 0xFF);
            return bytes;
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

    private static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON tree not writable", e);   // a tree of plain nodes always is
        }
    }
}
