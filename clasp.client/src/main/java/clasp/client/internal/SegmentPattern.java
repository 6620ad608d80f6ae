package clasp.client.internal;

/**
 * The router's delivery matcher as a client needs it, to find which of its subscriptions a received message belongs
 * to (frames carry no subscription id): the address loses its first character and is split on '/'; {@code **}
 * matches zero or more segments, {@code *} exactly one (possibly empty), a segment with a {@code *} inside
 * ({@code zone5*}) one segment whose text matches it, any other segment itself.
 */
public final class SegmentPattern {
    private final String[] segments;

    public SegmentPattern(String pattern) {
        this.segments = split(pattern);
    }

    static String[] split(String address) {
        return (address.isEmpty() ? address : address.substring(1)).split("/", -1);
    }

    public boolean matches(String address) {
        return match(0, split(address), 0);
    }

    private boolean match(int si, String[] parts, int ai) {
        if (si == segments.length) return ai == parts.length;
        if (segments[si].equals("**")) {
            for (int j = ai; j <= parts.length; j++) if (match(si + 1, parts, j)) return true;
            return false;
        }
        return ai < parts.length && segment(segments[si], parts[ai]) && match(si + 1, parts, ai + 1);
    }

    /** A segment with '*' matches any text in place of each '*'. */
    static boolean segment(String pattern, String text) {
        if (pattern.indexOf('*') < 0) return pattern.equals(text);
        String[] pieces = pattern.split("\\*", -1);
        if (!text.startsWith(pieces[0])) return false;
        int at = pieces[0].length();
        for (int i = 1; i < pieces.length - 1; i++) {
            int found = text.indexOf(pieces[i], at);
            if (found < 0) return false;
            at = found + pieces[i].length();
        }
        String last = pieces[pieces.length - 1];
        return text.length() - at >= last.length() && text.endsWith(last);
    }
}
