package clasp.hook.scale.internal;

/** An address or a pattern of segments: {@code *} matches one segment, {@code **} any number (also none). Immutable. */
final class AddressPattern {
    private final String[] segments;

    AddressPattern(String pattern) { this.segments = pattern.split("/", -1); }

    boolean matches(String address) { return matches(0, address.split("/", -1), 0); }

    private boolean matches(int p, String[] address, int a) {
        if (p == segments.length) return a == address.length;
        if (segments[p].equals("**")) {
            for (int rest = a; rest <= address.length; rest++) if (matches(p + 1, address, rest)) return true;
            return false;
        }
        if (a == address.length) return false;
        return (segments[p].equals("*") || segments[p].equals(address[a])) && matches(p + 1, address, a + 1);
    }
}
