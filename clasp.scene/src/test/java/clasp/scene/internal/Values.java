package clasp.scene.internal;

import clasp.api.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value of every kind, with the edge cases a lossless encoding must keep. */
final class Values {
    private Values() { }

    /** Address (under /show/) to value. */
    static Map<String, Value> everyKind() {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("/show/null", Value.ofNull());
        m.put("/show/bool", Value.of(true));
        m.put("/show/int", Value.of(-9_007_199_254_740_993L));          // not exact as a double
        m.put("/show/int-max", Value.of(Long.MAX_VALUE));
        m.put("/show/float", Value.of(0.1));
        m.put("/show/float-whole", Value.of(3.0));                      // a float, though integral
        m.put("/show/float-tiny", Value.of(4.9e-324));
        m.put("/show/negative-zero", Value.of(-0.0));
        m.put("/show/nan", Value.of(Double.NaN));
        m.put("/show/nan-payload", Value.of(Double.longBitsToDouble(0x7ff0000000000123L)));
        m.put("/show/infinity", Value.of(Double.NEGATIVE_INFINITY));
        m.put("/show/text", Value.of("Front wash \"warm\" \u00fc\n"));
        m.put("/show/bytes", Value.of(new byte[] {0, 1, (byte) 0xff}));
        m.put("/show/array", Value.of(List.of(Value.of(1L), Value.of(2.5), Value.of("x"), Value.of(List.of()))));
        Map<String, Value> ordered = new LinkedHashMap<>();
        ordered.put("z", Value.of(1L));
        ordered.put("a", Value.of(new byte[] {7}));
        m.put("/show/map", Value.of(ordered));
        m.put("/show/map-like-marker", Value.of(Map.of("$bytes", Value.of("not base64!"))));
        m.put("/show/map-empty", Value.of(Map.of()));
        return m;
    }
}
