package clasp.api;

import java.util.List;
import java.util.Map;

/**
 * An immutable CLASP value: one of the twelve wire value types, folded into eight Java shapes.
 * Integer widths (i8..i64) decode to {@link IntValue}, f32 and f64 to {@link FloatValue}.
 */
public sealed interface Value
        permits NullValue, BoolValue, IntValue, FloatValue, StringValue, BytesValue, ArrayValue, MapValue {

    /** The value kind, which names the wire type family. */
    ValueKind kind();

    static Value ofNull() { return NullValue.INSTANCE; }
    static Value of(boolean b) { return b ? BoolValue.TRUE : BoolValue.FALSE; }
    static Value of(long i) { return new IntValue(i); }
    static Value of(double d) { return new FloatValue(d); }
    static Value of(String s) { return new StringValue(s); }
    static Value of(byte[] bytes) { return BytesValue.copyOf(bytes); }
    static Value of(List<? extends Value> items) { return new ArrayValue(List.copyOf(items)); }
    static Value of(Map<String, ? extends Value> entries) { return MapValue.copyOf(entries); }
}
