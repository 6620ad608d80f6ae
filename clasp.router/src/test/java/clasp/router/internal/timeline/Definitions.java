package clasp.router.internal.timeline;

import clasp.api.Value;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timeline definitions as a PUBLISH value carries them, written briefly in tests. */
public final class Definitions {
    private Definitions() { }

    /** A keyframe {@code {time, value, easing?}}; time and value as Java numbers, a double[] or a {@link Value}. */
    public static Value kf(Object time, Object value, String easing) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("time", v(time));
        m.put("value", v(value));
        if (easing != null) m.put("easing", Value.of(easing));
        return Value.of(m);
    }

    /** A definition with {@code keyframes} and the other entries given as key, value pairs. */
    public static Value def(List<Value> keyframes, Object... more) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("keyframes", Value.of(keyframes));
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], (Value) more[i + 1]);
        return Value.of(m);
    }

    private static Value v(Object o) {
        if (o instanceof Value x) return x;
        if (o instanceof Integer i) return Value.of((long) i);
        if (o instanceof Long l) return Value.of(l);
        if (o instanceof Double d) return Value.of(d);
        if (o instanceof double[] ds) return Value.of(Arrays.stream(ds).mapToObj(Value::of).toList());
        throw new IllegalArgumentException(String.valueOf(o));
    }
}
