package clasp.security.internal.scope;

import clasp.api.ArrayValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import clasp.api.auth.Action;
import java.util.Locale;

/** Whether a written value passes a scope's {@code range}: numbers, arrays of numbers, a PUBLISH without value. */
final class ValueRange {
    private ValueRange() {}

    /** What in {@code value} the range refuses, as the refusal text ends ("300", "a string value"), or null. */
    static String refused(Scope.Range range, Action action, Value value) {
        if (value instanceof ArrayValue array) {
            for (Value item : array.items()) {
                String refused = item instanceof ArrayValue ? refused(range, action, item) : refusedItem(range, item);
                if (refused != null) return refused.endsWith(" in an array") ? refused : refused + " in an array";
            }
            return null;
        }
        if (value.kind() == clasp.api.ValueKind.NULL && action == Action.PUBLISH) return null;
        return refusedItem(range, value);
    }

    private static String refusedItem(Scope.Range range, Value value) {
        if (value instanceof IntValue i) return range.contains(i.value()) ? null : Long.toString(i.value());
        if (value instanceof FloatValue f) return range.contains(f.value()) ? null : number(f.value());
        return "a " + value.kind().name().toLowerCase(Locale.ROOT) + " value";
    }

    private static String number(double d) {
        return Double.isFinite(d) ? Scope.decimal(d) : Double.toString(d);
    }
}
