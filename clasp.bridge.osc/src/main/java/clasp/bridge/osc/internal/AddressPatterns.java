package clasp.bridge.osc.internal;

import java.util.List;

/**
 * OSC address patterns of the event override: segments separated by '/', where {@code *} matches exactly one segment
 * and {@code **} any number of them (none included); every other segment matches itself. Immutable.
 */
final class AddressPatterns {
    private final List<String[]> patterns;

    private AddressPatterns(List<String[]> patterns) {
        this.patterns = patterns;
    }

    static AddressPatterns of(List<String> patterns) {
        return new AddressPatterns(patterns.stream().map(AddressPatterns::segments).toList());
    }

    /** Why {@code pattern} is not one, or null. */
    static String problem(String pattern) {
        if (pattern.isEmpty() || pattern.charAt(0) != '/') return "pattern does not start with '/': " + pattern;
        for (String segment : segments(pattern)) {
            if (segment.isEmpty()) return "pattern has an empty segment: " + pattern;
            if (segment.contains("*") && !segment.equals("*") && !segment.equals("**")) {
                return "a wildcard must be a whole segment (* or **): " + pattern;
            }
        }
        return null;
    }

    boolean matches(String address) {
        String[] segments = segments(address);
        for (String[] pattern : patterns) {
            if (matches(pattern, 0, segments, 0)) return true;
        }
        return false;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    private static boolean matches(String[] pattern, int p, String[] segments, int s) {
        if (p == pattern.length) return s == segments.length;
        if (pattern[p].equals("**")) {
            for (int skip = s; skip <= segments.length; skip++) {
                if (matches(pattern, p + 1, segments, skip)) return true;
            }
            return false;
        }
        if (s == segments.length) return false;
        return (pattern[p].equals("*") || pattern[p].equals(segments[s])) && matches(pattern, p + 1, segments, s + 1);
    }

    private static String[] segments(String address) {
        return address.substring(1).split("/", -1);
    }
}
