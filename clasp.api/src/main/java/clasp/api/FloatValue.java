package clasp.api;

/**
 * A CLASP floating-point number (wire f32 or f64), held as a double.
 * Equality is by bit pattern, so NaN equals NaN and -0.0 differs from 0.0, as on the wire.
 */
public record FloatValue(double value) implements Value {
    @Override public ValueKind kind() { return ValueKind.FLOAT; }

    @Override public boolean equals(Object o) {
        return o instanceof FloatValue f && Double.doubleToRawLongBits(f.value) == Double.doubleToRawLongBits(value);
    }

    @Override public int hashCode() { return Long.hashCode(Double.doubleToRawLongBits(value)); }
    @Override public String toString() { return Double.toString(value); }
}
