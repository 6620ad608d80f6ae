package clasp.security.internal.scope;

import clasp.protocol.match.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * The two structural "is pattern X within pattern Y" tests (§4.4): {@link #covers} for subscriptions against read
 * scopes (§16.4, the §14.6 hardening) and {@link #isSubset} for delegated scopes (§14.8). Both split on '/' and drop
 * empty segments. One hardening on top of the reference: a requested segment that contains {@code **} without being
 * exactly {@code **} (e.g. {@code x**}) counts as {@code **}, since at the end of a pattern the glob matcher lets
 * it cross '/' ({@code /a/x**} matches {@code /a/xb/c}).
 */
public final class PatternCoverage {
    private PatternCoverage() {}

    /** Is every address {@code request} can match also within {@code declared}, per §16.4? */
    public static boolean covers(String request, String declared) {
        if (request.equals(declared)) return true;
        if (request.indexOf('*') < 0 && Glob.matches(declared, request)) return true;
        return walk(segments(request), segments(declared));
    }

    /** {@code pattern_is_subset(child, parent)} of §14.8. */
    public static boolean isSubset(String child, String parent) {
        if (child.equals(parent) || parent.equals("/**") || parent.equals("**")) return true;
        return walk(segments(child), segments(parent));
    }

    /** The shared walk: the inner pattern's segments against the outer's. */
    private static boolean walk(List<String> inner, List<String> outer) {
        int i = 0, o = 0;
        for (; i < inner.size() && o < outer.size(); i++, o++) {
            String in = inner.get(i), out = outer.get(o);
            if (out.equals("**")) return true;
            boolean innerDouble = in.contains("**");
            if (out.equals("*")) {
                if (innerDouble) return false;
                continue;                                  // '*' consumes one segment, literal or '*'
            }
            if (innerDouble || in.equals("*") || !in.equals(out)) return false;
        }
        if (o < outer.size() && outer.get(o).equals("**")) return true;
        return i == inner.size() && o == outer.size();
    }

    private static List<String> segments(String pattern) {
        List<String> out = new ArrayList<>();
        for (String s : pattern.split("/")) if (!s.isEmpty()) out.add(s);
        return out;
    }
}
