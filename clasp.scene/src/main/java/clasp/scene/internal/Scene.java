package clasp.scene.internal;

import clasp.api.Value;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A saved scene: its name, the pattern it was saved from, when (UTC, to the millisecond), and its params by address. */
record Scene(String name, String pattern, Instant saved, SortedMap<String, Value> params) {
    Scene {
        saved = saved.truncatedTo(ChronoUnit.MILLIS);
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    static Scene of(String name, String pattern, Instant saved, Map<String, Value> params) {
        return new Scene(name, pattern, saved, new TreeMap<>(params));
    }
}
