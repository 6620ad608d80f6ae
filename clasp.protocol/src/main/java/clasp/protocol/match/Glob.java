package clasp.protocol.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The glob matcher (M2 in docs/protocol.md): {@code *} any run of characters but '/', {@code **} as a whole
 * path component any characters including '/', {@code ?} one character but '/', {@code [abc]}, {@code [a-z]},
 * {@code [!a]} classes, {@code {a,b}} alternatives, a leading {@code !} negates, {@code \} escapes.
 * Used for subscribe snapshots, QUERY and partial-wildcard checks. Linear in practice: failed states are memoised.
 */
public final class Glob {
    private static final int MAX_ALTERNATIVES = 256;

    private Glob() {}

    /** The literal start every text matching {@code pattern} begins with ("" when it starts with a wildcard or '!'). */
    public static String literalPrefix(String pattern) {
        if (pattern.startsWith("!")) return "";
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{\\".indexOf(pattern.charAt(i)) >= 0) return pattern.substring(0, i);
        }
        return pattern;
    }

    public static boolean matches(String pattern, String text) {
        if (pattern.startsWith("!")) return !matches(pattern.substring(1), text);
        for (String alternative : expandBraces(pattern)) {
            if (new Run(alternative, text).match(0, 0)) return true;
        }
        return false;
    }

    /** {@code a{b,c}d} becomes [abd, acd]; nested braces expand too, up to a fixed number of alternatives. */
    static List<String> expandBraces(String pattern) {
        List<String> out = new ArrayList<>();
        expand(pattern, out);
        return out;
    }

    private static void expand(String p, List<String> out) {
        if (out.size() >= MAX_ALTERNATIVES) return;
        int open = -1;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '{') { open = i; break; }
        }
        if (open < 0) { out.add(p); return; }
        int depth = 0;
        List<Integer> commas = new ArrayList<>();
        int close = -1;
        for (int i = open; i < p.length() && close < 0; i++) {
            char c = p.charAt(i);
            if (c == '\\') { i++; continue; }
            if (c == '{') depth++;
            else if (c == '}' && --depth == 0) close = i;
            else if (c == ',' && depth == 1) commas.add(i);
        }
        if (close < 0) { out.add(p); return; }   // an unclosed brace is a literal
        String head = p.substring(0, open), tail = p.substring(close + 1);
        int from = open + 1;
        commas.add(close);
        for (int comma : commas) {
            expand(head + p.substring(from, comma) + tail, out);
            from = comma + 1;
        }
    }

    /** One pattern (without braces) against one text, memoising failed (pattern, text) positions. */
    private static final class Run {
        private final String p;
        private final String t;
        private final boolean[] failed;

        Run(String p, String t) {
            this.p = p;
            this.t = t;
            this.failed = new boolean[(p.length() + 1) * (t.length() + 1)];
        }

        boolean match(int pi, int ti) {
            int key = pi * (t.length() + 1) + ti;
            if (failed[key]) return false;
            boolean ok = step(pi, ti);
            if (!ok) failed[key] = true;
            return ok;
        }

        private boolean step(int pi, int ti) {
            if (pi == p.length()) return ti == t.length();
            char c = p.charAt(pi);
            if (c == '*') {
                boolean dbl = pi + 1 < p.length() && p.charAt(pi + 1) == '*';
                if (dbl) return doubleStar(pi, ti);
                for (int j = ti; ; j++) {
                    if (match(pi + 1, j)) return true;
                    if (j == t.length() || t.charAt(j) == '/') return false;
                }
            }
            if (ti == t.length()) return false;
            char x = t.charAt(ti);
            if (c == '?') return x != '/' && match(pi + 1, ti + 1);
            if (c == '[') {
                int end = classEnd(pi);
                if (end > 0) return x != '/' && inClass(pi + 1, end, x) && match(end + 1, ti + 1);
            }
            if (c == '\\' && pi + 1 < p.length()) return x == p.charAt(pi + 1) && match(pi + 2, ti + 1);
            return c == x && match(pi + 1, ti + 1);
        }

        private boolean doubleStar(int pi, int ti) {
            int after = pi + 2;
            boolean startsComponent = pi == 0 || p.charAt(pi - 1) == '/';
            boolean atEnd = after == p.length();
            boolean endsComponent = atEnd || p.charAt(after) == '/';
            if (atEnd) return true;                      // a trailing ** takes the rest, '/' included
            if (!(startsComponent && endsComponent)) {   // not a whole component: acts like *
                for (int j = ti; ; j++) {
                    if (match(after, j)) return true;
                    if (j == t.length() || t.charAt(j) == '/') return false;
                }
            }
            // "**/" : zero segments, or any run ending just after a '/'
            if (match(after + 1, ti)) return true;
            for (int j = ti; j < t.length(); j++) {
                if (t.charAt(j) == '/' && match(after + 1, j + 1)) return true;
            }
            return false;
        }

        /** Index of the ']' closing the class opened at {@code open}, or -1 (then '[' is a literal). */
        private int classEnd(int open) {
            int i = open + 1;
            if (i < p.length() && (p.charAt(i) == '!' || p.charAt(i) == '^')) i++;
            if (i < p.length() && p.charAt(i) == ']') i++;
            for (; i < p.length(); i++) if (p.charAt(i) == ']') return i;
            return -1;
        }

        private boolean inClass(int from, int end, char x) {
            boolean negate = p.charAt(from) == '!' || p.charAt(from) == '^';
            int i = negate ? from + 1 : from;
            boolean found = false;
            while (i < end) {
                char lo = p.charAt(i);
                if (i + 2 < end && p.charAt(i + 1) == '-') {
                    if (x >= lo && x <= p.charAt(i + 2)) found = true;
                    i += 3;
                } else {
                    if (x == lo) found = true;
                    i++;
                }
            }
            return found != negate;
        }
    }
}
