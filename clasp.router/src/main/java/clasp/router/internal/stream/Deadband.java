package clasp.router.internal.stream;

import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;

/** The epsilon rule's arithmetic: which values are numbers and when a number is too close to the last one sent. */
final class Deadband {
    private Deadband() { }

    /** Whether {@code v} is a single number (an integer or a float of any width). */
    static boolean numeric(Value v) { return v instanceof IntValue || v instanceof FloatValue; }

    static double number(Value v) {
        return v instanceof IntValue i ? i.value() : ((FloatValue) v).value();
    }

    /**
     * Whether {@code next} may be left out because it differs from {@code last} by less than {@code epsilon}: only
     * when both are numbers (a difference of exactly epsilon is sent; NaN always is).
     */
    static boolean within(Value last, Value next, double epsilon) {
        return numeric(last) && numeric(next) && within(number(last), number(next), epsilon);
    }

    static boolean within(double last, double next, double epsilon) { return Math.abs(next - last) < epsilon; }
}
