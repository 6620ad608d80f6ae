package clasp.hook.scale.internal;

import clasp.api.Address;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;

/**
 * What one instance does, checked once: value × scale + offset, clamped to [min, max], for the addresses its
 * pattern matches. A float stays a float; an integer stays an integer (rounded to the nearest, halves up); any other
 * value, and any address the pattern does not match, is left as it is. Immutable.
 */
record Scaling(AddressPattern pattern, double scale, double offset, double min, double max) {
    Scaling {
        check(Double.isFinite(scale), "scale must be a finite number, not " + scale);
        check(Double.isFinite(offset), "offset must be a finite number, not " + offset);
        check(!Double.isNaN(min) && !Double.isNaN(max), "min and max must be numbers");
        check(min <= max, "min (" + min + ") must not be above max (" + max + ")");
    }

    static Scaling from(ScaleConfig c) {
        String problem = c.pattern() == null ? "missing" : Address.problem(c.pattern());
        check(problem == null, "pattern " + c.pattern() + ": " + problem);
        return new Scaling(new AddressPattern(c.pattern()), c.scale(), c.offset(), c.min(), c.max());
    }

    /** The value to store at {@code address}: {@code value} itself when this instance leaves it alone. */
    Value apply(String address, Value value) {
        if (!(value instanceof FloatValue) && !(value instanceof IntValue)) return value;
        if (!pattern.matches(address)) return value;
        if (value instanceof FloatValue f) return Value.of(clamp(f.value() * scale + offset));
        double scaled = clamp(((IntValue) value).value() * scale + offset);
        return Value.of(Math.round(scaled));
    }

    private double clamp(double v) { return Math.min(Math.max(v, min), max); }

    private static void check(boolean ok, String problem) {
        if (!ok) throw new IllegalArgumentException(problem);
    }
}
