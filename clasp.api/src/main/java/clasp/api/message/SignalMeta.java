package clasp.api.message;

import clasp.api.Value;

/** Optional description of an announced signal: unit, range (min and max together), default, description. */
public record SignalMeta(String unit, Double min, Double max, Value defaultValue, String description) {
    public SignalMeta {
        if ((min == null) != (max == null)) throw new IllegalArgumentException("range needs both min and max");
    }

    public boolean hasRange() { return min != null; }
}
