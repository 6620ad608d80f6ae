package clasp.oscquery.internal;

import clasp.api.Value;
import clasp.osc.OscArgument;
import clasp.osc.OscEncoder;
import clasp.osc.OscMessage;
import clasp.osc.OscValueMapping;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Base64;
import java.util.List;

/**
 * A param's value as OSCQuery sees it, by the shared OSC mapping (docs/protocol.md "OSC codec and mapping") with
 * Null as an {@code N} argument: a param always has a type tag string, and a Null param reads {@code "N"} /
 * {@code [null]} rather than looking like a container.
 */
final class OscValues {
    static final OscValueMapping MAPPING = new OscValueMapping(false, true);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private OscValues() { }

    /** The OSC message that carries {@code value}; IllegalArgumentException for a string with a NUL in it. */
    static OscMessage message(String address, Value value) {
        return new OscMessage(address, MAPPING.toArguments(value));
    }

    /** The OSC type tag string of {@code value} (without the leading comma), or null when OSC cannot carry it. */
    static String typeTags(Value value) {
        try {
            return tags(new OscMessage("/", MAPPING.toArguments(value)));
        } catch (IllegalArgumentException cannotCarry) {
            return null;
        }
    }

    /** OSCQuery's TYPE of {@code message}: its type tag string without OSC's leading comma. */
    static String tags(OscMessage message) {
        String tags = message.typeTags();
        return tags.startsWith(",") ? tags.substring(1) : tags;
    }

    /** The OSCQuery VALUE array of {@code arguments}: one JSON item per argument, an OSC array nested. */
    static ArrayNode json(List<OscArgument> arguments) {
        ArrayNode out = JSON.arrayNode(arguments.size());
        for (OscArgument a : arguments) out.add(json(a));
        return out;
    }

    private static JsonNode json(OscArgument argument) {
        if (argument instanceof OscArgument.Int32 i) return JSON.numberNode(i.value());
        if (argument instanceof OscArgument.Int64 h) return JSON.numberNode(h.value());
        if (argument instanceof OscArgument.Float32 f) return Float.isFinite(f.value()) ? JSON.numberNode(f.value()) : NullNode.instance;
        if (argument instanceof OscArgument.Float64 d) return Double.isFinite(d.value()) ? JSON.numberNode(d.value()) : NullNode.instance;
        if (argument instanceof OscArgument.Text s) return JSON.textNode(s.value());
        if (argument instanceof OscArgument.Symbol s) return JSON.textNode(s.value());
        if (argument instanceof OscArgument.Char c) return JSON.textNode(Character.toString(c.codePoint()));
        if (argument instanceof OscArgument.Blob b) return JSON.textNode(Base64.getEncoder().encodeToString(b.bytes()));
        if (argument instanceof OscArgument.Bool b) return JSON.booleanNode(b.value());
        if (argument instanceof OscArgument.Timetag t) return JSON.numberNode(t.value().bits());
        if (argument instanceof OscArgument.Rgba r) {
            return JSON.textNode(String.format("#%02x%02x%02x%02x", r.red(), r.green(), r.blue(), r.alpha()));
        }
        if (argument instanceof OscArgument.Midi m) return JSON.arrayNode(4).add(m.port()).add(m.status()).add(m.data1()).add(m.data2());
        if (argument instanceof OscArgument.Array a) return json(a.items());
        return NullNode.instance;   // N (nil) and I (impulse): no value
    }

    /** The OSC packet of {@code message}, ready for a binary WebSocket frame (the caller releases it). */
    static ByteBuf encode(OscMessage message, ByteBufAllocator allocator) {
        return OscEncoder.encode(message, allocator);
    }
}
