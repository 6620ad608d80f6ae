package clasp.protocol.match;

/**
 * The delivery matcher (M1 in docs/protocol.md), compiled once per subscription: the address loses its first
 * character and is split on '/'; {@code **} matches zero or more segments, {@code *} exactly one (possibly
 * empty); a partial wildcard such as {@code zone5*} matches one segment and the whole pattern must also pass
 * {@link Glob}; every other segment is a literal.
 */
public final class SegmentMatcher {
    private final String pattern;
    private final String[] segments;
    private final boolean[] wild;   // segment i contains '*': matches any one segment here
    private final boolean needsGlob;
    private final boolean hasDoubleStar;

    public SegmentMatcher(String pattern) {
        this.pattern = pattern;
        this.segments = (pattern.startsWith("/") ? pattern.substring(1) : pattern).split("/", -1);
        this.wild = new boolean[segments.length];
        boolean partial = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            wild[i] = s.contains("*");
            if (wild[i] && !s.equals("*") && !s.equals("**")) partial = true;
        }
        this.needsGlob = partial;
        this.hasDoubleStar = java.util.Arrays.asList(segments).contains("**");
    }

    /**
     * An address's segments, computed once per message and shared by every matcher: what
     * {@code address.substring(1).split("/", -1)} gives, without the substring and the list behind it.
     */
    public static String[] split(String address) {
        int length = address.length();
        if (length <= 1) return new String[] {""};
        int count = 1;
        for (int i = 1; i < length; i++) if (address.charAt(i) == '/') count++;
        String[] parts = new String[count];
        int start = 1;
        for (int k = 0; k < count - 1; k++) {
            int end = address.indexOf('/', start);
            parts[k] = address.substring(start, end);
            start = end + 1;
        }
        parts[count - 1] = address.substring(start);
        return parts;
    }

    public String pattern() { return pattern; }

    public boolean matches(String address) { return matches(address, split(address)); }

    public boolean matches(String address, String[] parts) {
        boolean ok = hasDoubleStar
                ? matchFrom(0, parts, 0, new boolean[(segments.length + 1) * (parts.length + 1)])
                : matchFixed(parts);
        return ok && (!needsGlob || Glob.matches(pattern, address));
    }

    private boolean matchFixed(String[] parts) {
        if (parts.length != segments.length) return false;
        for (int i = 0; i < parts.length; i++) {
            if (!wild[i] && !segments[i].equals(parts[i])) return false;
        }
        return true;
    }

    private boolean matchFrom(int si, String[] parts, int ai, boolean[] failed) {
        int key = si * (parts.length + 1) + ai;
        if (failed[key]) return false;
        boolean ok;
        if (si == segments.length) {
            ok = ai == parts.length;
        } else if (segments[si].equals("**")) {
            ok = false;
            for (int j = ai; j <= parts.length && !ok; j++) ok = matchFrom(si + 1, parts, j, failed);
        } else if (ai == parts.length) {
            ok = false;
        } else {
            ok = (wild[si] || segments[si].equals(parts[ai])) && matchFrom(si + 1, parts, ai + 1, failed);
        }
        if (!ok) failed[key] = true;
        return ok;
    }
}
