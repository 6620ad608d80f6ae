package clasp.router.internal.param;

import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;

/**
 * How a write to an existing param is decided against the stored value (§6.4), checked under the address's stripe
 * together with the store's compare-and-set. {@code max} and {@code min} compare numbers only: an int and a float
 * compare by value (ints exactly with ints, otherwise as doubles); a write where either value is not a number (NaN
 * included) is accepted as under {@code lww}. {@code lock} is enforced by the lock itself ({@link ParamWriter}): every
 * accepted write leaves its writer holding the param.
 */
public enum Strategy {
    /** Last writer wins, in arrival order (the default). */
    LWW,
    /** Accepted only if strictly greater than the stored number. */
    MAX,
    /** Accepted only if strictly smaller than the stored number. */
    MIN,
    /** The first writer holds the param until it unlocks, disconnects or its lease runs out; others get LockHeld. */
    LOCK;

    /** Whether {@code next} may replace {@code stored}. */
    public boolean accepts(Value stored, Value next) {
        if (this != MAX && this != MIN) return true;
        if (!isNumber(stored) || !isNumber(next)) return true;
        int c = compare(next, stored);
        return this == MAX ? c > 0 : c < 0;
    }

    private static boolean isNumber(Value v) {
        return v instanceof IntValue || v instanceof FloatValue f && !Double.isNaN(f.value());
    }

    private static int compare(Value a, Value b) {
        if (a instanceof IntValue x && b instanceof IntValue y) return Long.compare(x.value(), y.value());
        double x = asDouble(a);
        double y = asDouble(b);
        return x < y ? -1 : x > y ? 1 : 0;   // numerically: -0.0 equals 0.0
    }

    private static double asDouble(Value v) { return v instanceof IntValue i ? i.value() : ((FloatValue) v).value(); }
}
