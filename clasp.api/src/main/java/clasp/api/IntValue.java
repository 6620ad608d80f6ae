package clasp.api;

/** A CLASP integer (wire i8, i16, i32 or i64), held as a long. */
public record IntValue(long value) implements Value {
    @Override public ValueKind kind() { return ValueKind.INT; }
    @Override public String toString() { return Long.toString(value); }
}
