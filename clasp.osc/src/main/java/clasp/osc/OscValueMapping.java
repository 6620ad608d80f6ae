package clasp.osc;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.BytesValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.NullValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.mqtt.mapping.PayloadFormat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * OSC arguments ↔ CLASP values (bridges.md §1.3-§1.4, JAVA). Inbound: no argument is Null, one is its value, more
 * are an Array; {@code i h} Int, {@code f d} Float, {@code s S c} String, {@code b} Bytes, {@code T F} Bool,
 * {@code N I t} Null, {@code r m} Array of four Ints, {@code [..]} Array. Outbound: Null none or {@code N}
 * ({@link #nullAsNil}), Bool {@code T F}, Int {@code i} when it fits 32 bits else {@code h}, Float {@code f} or
 * {@code d} ({@link #float64}), String {@code s}, Bytes {@code b}, Array flattened element by element (nested too),
 * Map one {@code s} of its JSON text (§0.1). docs/protocol.md "OSC codec and mapping" tabulates what survives a
 * round trip. Immutable.
 *
 * @param float64   outbound Floats as {@code d} instead of {@code f}
 * @param nullAsNil outbound Null as an {@code N} argument instead of no argument
 */
public record OscValueMapping(boolean float64, boolean nullAsNil) {
    /** {@code f} for Float, no argument for Null: what most OSC applications read. */
    public static final OscValueMapping DEFAULT = new OscValueMapping(false, false);

    /** The value of a message's arguments. */
    public static Value toValue(List<OscArgument> arguments) {
        if (arguments.isEmpty()) return Value.ofNull();
        if (arguments.size() == 1) return toValue(arguments.get(0));
        List<Value> items = new ArrayList<>(arguments.size());
        arguments.forEach(argument -> items.add(toValue(argument)));
        return Value.of(items);
    }

    /** The value of one argument. */
    public static Value toValue(OscArgument argument) {
        if (argument instanceof OscArgument.Int32 i) return Value.of(i.value());
        if (argument instanceof OscArgument.Int64 h) return Value.of(h.value());
        if (argument instanceof OscArgument.Float32 f) return Value.of((double) f.value());
        if (argument instanceof OscArgument.Float64 d) return Value.of(d.value());
        if (argument instanceof OscArgument.Text s) return Value.of(s.value());
        if (argument instanceof OscArgument.Symbol s) return Value.of(s.value());
        if (argument instanceof OscArgument.Char c) return Value.of(Character.toString(c.codePoint()));
        if (argument instanceof OscArgument.Blob b) return Value.of(b.bytes());
        if (argument instanceof OscArgument.Bool b) return Value.of(b.value());
        if (argument instanceof OscArgument.Rgba r) return ints(r.red(), r.green(), r.blue(), r.alpha());
        if (argument instanceof OscArgument.Midi m) return ints(m.port(), m.status(), m.data1(), m.data2());
        if (argument instanceof OscArgument.Array a) {
            List<Value> items = new ArrayList<>(a.items().size());
            a.items().forEach(item -> items.add(toValue(item)));
            return Value.of(items);
        }
        return Value.ofNull(); // N; I (impulse semantics, §1.3 JAVA); t (a timetag is no value)
    }

    /**
     * The arguments that carry {@code value}.
     *
     * @throws IllegalArgumentException when a String (or a Map key or value) holds a NUL character, which an OSC
     *                                  string cannot carry
     */
    public List<OscArgument> toArguments(Value value) {
        List<OscArgument> arguments = new ArrayList<>();
        append(value, arguments);
        return arguments;
    }

    private void append(Value value, List<OscArgument> out) {
        if (value instanceof NullValue) {
            if (nullAsNil) out.add(OscArgument.NIL);
        } else if (value instanceof BoolValue b) {
            out.add(b.value() ? OscArgument.TRUE : OscArgument.FALSE);
        } else if (value instanceof IntValue i) {
            long v = i.value();
            out.add(v == (int) v ? new OscArgument.Int32((int) v) : new OscArgument.Int64(v));
        } else if (value instanceof FloatValue f) {
            out.add(float64 ? new OscArgument.Float64(f.value()) : new OscArgument.Float32((float) f.value()));
        } else if (value instanceof StringValue s) {
            out.add(new OscArgument.Text(s.value()));
        } else if (value instanceof BytesValue b) {
            out.add(new OscArgument.Blob(b.toByteArray()));
        } else if (value instanceof ArrayValue a) {
            a.items().forEach(item -> append(item, out));
        } else {
            out.add(new OscArgument.Text(new String(PayloadFormat.JSON.encode(value), StandardCharsets.UTF_8)));
        }
    }

    private static Value ints(int a, int b, int c, int d) {
        return Value.of(List.of(Value.of(a), Value.of(b), Value.of(c), Value.of(d)));
    }
}
