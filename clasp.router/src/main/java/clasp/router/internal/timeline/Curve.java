package clasp.router.internal.timeline;

import clasp.api.ArrayValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a timeline at a position (router-semantics §7.4), as pure functions. The segment is the last keyframe
 * at or before the position and the next one; the earlier keyframe's easing maps the local progress; numbers
 * interpolate linearly (two integers: truncated to an integer, else a float), arrays element-wise. Before the first
 * keyframe the curve holds its value, from the last keyframe on it holds that one, a keyframe's own time gives its
 * value exactly.
 */
public final class Curve {
    private Curve() { }

    /** The value at {@code position} µs after the start (not wrapped: a looping caller wraps it first). */
    public static Value at(Timeline timeline, long position) {
        List<Keyframe> kfs = timeline.keyframes();
        if (position <= kfs.get(0).time()) return kfs.get(0).value();
        Keyframe last = timeline.last();
        if (position >= last.time()) return last.value();
        int i = segment(kfs, position);
        Keyframe a = kfs.get(i);
        Keyframe b = kfs.get(i + 1);
        if (position == a.time()) return a.value();
        double t = (double) (position - a.time()) / (b.time() - a.time());
        return lerp(a.value(), b.value(), a.easing().apply(t));
    }

    /** The index of the last keyframe at or before {@code position}, which lies inside the keyframes' span. */
    private static int segment(List<Keyframe> kfs, long position) {
        int lo = 0;
        int hi = kfs.size() - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (kfs.get(mid).time() <= position) lo = mid;
            else hi = mid;
        }
        return lo;
    }

    /** {@code a} moved the eased fraction {@code e} of the way to {@code b}; both of one shape. */
    public static Value lerp(Value a, Value b, double e) {
        if (e == 0) return a;
        if (a instanceof ArrayValue xs && b instanceof ArrayValue ys) {
            List<Value> out = new ArrayList<>(xs.items().size());
            for (int i = 0; i < xs.items().size(); i++) out.add(lerp(xs.items().get(i), ys.items().get(i), e));
            return new ArrayValue(out);
        }
        if (a instanceof IntValue x && b instanceof IntValue y) {
            return new IntValue((long) (x.value() + (y.value() - (double) x.value()) * e));
        }
        double x = number(a);
        return new FloatValue(x + (number(b) - x) * e);
    }

    private static double number(Value v) {
        return v instanceof IntValue i ? i.value() : ((FloatValue) v).value();
    }
}
