package clasp.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable CLASP map with string keys. Entry order is kept as given (the wire order),
 * so a decoded map re-encodes byte for byte.
 */
public final class MapValue implements Value {
    private final Map<String, Value> entries;

    private MapValue(Map<String, Value> ordered) { this.entries = Collections.unmodifiableMap(ordered); }

    /** A map holding the entries of {@code entries} in its iteration order. */
    public static MapValue copyOf(Map<String, ? extends Value> entries) {
        Map<String, Value> copy = new LinkedHashMap<>(Math.max(4, entries.size() * 2));
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return new MapValue(copy);
    }

    /** The entries, read-only, in wire order. */
    public Map<String, Value> entries() { return entries; }

    public int size() { return entries.size(); }
    public Value get(String key) { return entries.get(key); }

    @Override public ValueKind kind() { return ValueKind.MAP; }

    /** Equal when both hold the same entries in the same order. */
    @Override public boolean equals(Object o) {
        if (!(o instanceof MapValue m) || m.entries.size() != entries.size()) return false;
        var a = entries.entrySet().iterator();
        var b = m.entries.entrySet().iterator();
        while (a.hasNext()) if (!a.next().equals(b.next())) return false;
        return true;
    }

    @Override public int hashCode() { return entries.hashCode(); }
    @Override public String toString() { return entries.toString(); }
}
