package clasp.router.internal.timeline;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.MapValue;
import clasp.api.StringValue;
import clasp.api.Value;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a timeline definition from a PUBLISH value: {@code {keyframes: [{time, value, easing?}], loop?, start?,
 * rate?}}. Numbers may come as any numeric wire type; times and start are µs, rounded to whole µs. Keys it does not
 * know are ignored. A malformed definition is an ERROR 400 with the PUBLISH's address and a message naming the field.
 */
public final class TimelineParser {
    /** The default playback rate, Hz. */
    public static final double DEFAULT_RATE = 60;
    /** The highest playback rate, Hz: one SET per millisecond per address at most. */
    public static final double MAX_RATE = 1_000;
    /** Times and start past 2^53 µs (285 years) cannot be numbers of µs a double carries exactly. */
    private static final double MAX_MICROS = 9_007_199_254_740_992d;

    private final String address;

    private TimelineParser(String address) { this.address = address; }

    /** The timeline {@code value} defines for {@code address}, or ERROR 400 naming what is wrong. */
    public static Timeline parse(Value value, String address) throws ClaspException {
        return new TimelineParser(address).timeline(value);
    }

    private Timeline timeline(Value value) throws ClaspException {
        if (!(value instanceof MapValue map)) throw invalid("the value must be a map");
        List<Keyframe> keyframes = keyframes(map.get("keyframes"));
        Value loopValue = map.get("loop");
        if (loopValue != null && !(loopValue instanceof BoolValue)) throw invalid("loop must be a boolean");
        boolean loop = loopValue != null && ((BoolValue) loopValue).value();
        Value startValue = map.get("start");
        Long start = startValue == null ? null : micros(startValue, "start");
        double rate = DEFAULT_RATE;
        Value rateValue = map.get("rate");
        if (rateValue != null) {
            if (!isFinite(rateValue)) throw invalid("rate must be a number");
            rate = number(rateValue);
            if (rate <= 0 || rate > MAX_RATE) throw invalid("rate must be above 0 and at most " + (int) MAX_RATE + " Hz");
        }
        Timeline t = new Timeline(keyframes, loop, start, rate);
        if (loop && t.duration() == 0) throw invalid("loop needs keyframes spanning more than 0 µs");
        return t;
    }

    private List<Keyframe> keyframes(Value value) throws ClaspException {
        if (value == null) throw invalid("keyframes is missing");
        if (!(value instanceof ArrayValue array)) throw invalid("keyframes must be an array");
        if (array.items().isEmpty()) throw invalid("keyframes is empty");
        List<Keyframe> out = new ArrayList<>(array.items().size());
        for (int i = 0; i < array.items().size(); i++) {
            String field = "keyframes[" + i + "]";
            if (!(array.items().get(i) instanceof MapValue kf)) throw invalid(field + " must be a map");
            Value timeValue = kf.get("time");
            if (timeValue == null) throw invalid(field + ".time is missing");
            long time = micros(timeValue, field + ".time");
            if (i > 0 && time <= out.get(i - 1).time()) {
                throw invalid(field + ".time must be greater than keyframes[" + (i - 1) + "].time");
            }
            Value v = kf.get("value");
            checkValue(v, field + ".value", i == 0 ? null : out.get(0).value());
            out.add(new Keyframe(time, v, easing(kf.get("easing"), field + ".easing")));
        }
        return out;
    }

    /** A number or an array of numbers, of the same shape as {@code first} (null: this is the first). */
    private void checkValue(Value v, String field, Value first) throws ClaspException {
        boolean array = v instanceof ArrayValue;
        if (v == null || !(array ? allFinite((ArrayValue) v) : isFinite(v))) {
            throw invalid(field + " must be a number or an array of numbers");
        }
        if (first == null) return;
        if (first instanceof ArrayValue f) {
            int n = f.items().size();
            if (!array || ((ArrayValue) v).items().size() != n) {
                throw invalid(field + " must be an array of " + n + " numbers, as keyframes[0].value is");
            }
        } else if (array) {
            throw invalid(field + " must be a number, as keyframes[0].value is");
        }
    }

    private Easing easing(Value v, String field) throws ClaspException {
        if (v == null) return Easing.LINEAR;
        Easing e = v instanceof StringValue s ? Easing.named(s.value()) : null;
        if (e == null) throw invalid(field + " must be one of linear, step, ease-in, ease-out, ease-in-out");
        return e;
    }

    /** A non-negative number of µs, rounded to a whole one. */
    private long micros(Value v, String field) throws ClaspException {
        if (!isFinite(v)) throw invalid(field + " must be a number of µs");
        double d = number(v);
        if (d < 0) throw invalid(field + " is negative");
        if (d > MAX_MICROS) throw invalid(field + " is too large");
        return v instanceof IntValue i ? i.value() : Math.round(d);
    }

    private static boolean allFinite(ArrayValue a) {
        for (Value v : a.items()) if (!isFinite(v)) return false;
        return true;
    }

    private static boolean isFinite(Value v) {
        return v instanceof IntValue || v instanceof FloatValue f && Double.isFinite(f.value());
    }

    private static double number(Value v) {
        return v instanceof IntValue i ? i.value() : ((FloatValue) v).value();
    }

    private ClaspException invalid(String what) {
        return new ClaspException(ErrorCodes.STATE_ERROR, "Invalid timeline: " + what, address);
    }
}
