package clasp.adapter.osc.internal;

import clasp.api.Address;
import java.util.Arrays;

/**
 * A CLASP address pattern matched segment by segment: {@code *} is exactly one segment, {@code **} any number of them
 * (none too), anything else must be equal. Immutable.
 */
final class AddressPattern {
    private final String text;
    private final String[] segments;

    private AddressPattern(String text) {
        this.text = text;
        this.segments = text.substring(1).split("/", -1);
    }

    /** The pattern, or an IllegalArgumentException naming what is wrong with it. */
    static AddressPattern of(String pattern) {
        String problem = Address.problem(pattern);
        if (problem != null) throw new IllegalArgumentException(problem);
        return new AddressPattern(pattern);
    }

    boolean matches(String address) {
        if (address.isEmpty() || address.charAt(0) != '/') return false;
        return matches(address.substring(1).split("/", -1), 0, 0);
    }

    private boolean matches(String[] parts, int p, int s) {
        if (s == segments.length) return p == parts.length;
        if (segments[s].equals("**")) {
            for (int skip = p; skip <= parts.length; skip++) {
                if (matches(parts, skip, s + 1)) return true;
            }
            return false;
        }
        if (p == parts.length) return false;
        return (segments[s].equals("*") || segments[s].equals(parts[p])) && matches(parts, p + 1, s + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressPattern other && Arrays.equals(segments, other.segments);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(segments);
    }

    @Override
    public String toString() {
        return text;
    }
}
