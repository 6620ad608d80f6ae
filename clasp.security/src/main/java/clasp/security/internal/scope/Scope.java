package clasp.security.internal.scope;

import clasp.api.Address;
import clasp.protocol.match.Glob;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * One granted scope: {@code <action>:<pattern>[|range=<min>..<max>][|rate=<n>]}. A pattern containing {@code *}
 * matches addresses with the glob matcher (M2), any other pattern only the identical address (§14.4). {@code range}
 * bounds the numbers written, {@code rate} the writes per second per address; both only on write and admin scopes.
 *
 * @param action  what it grants
 * @param pattern the address pattern (address syntax, no {@code |})
 * @param range   the allowed numeric values, or null for any value
 * @param rate    the maximum writes per second per address, 0 for no limit
 */
public record Scope(ScopeAction action, String pattern, Range range, int rate) {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("\\+?\\d{1,9}");

    public Scope {
        if (action == null) throw new IllegalArgumentException("scope needs an action");
        String problem = Address.problem(pattern);
        if (problem != null) throw new IllegalArgumentException("bad pattern in scope: " + problem);
        if (pattern.indexOf('|') >= 0) throw new IllegalArgumentException("bad pattern in scope: '|' starts a constraint: " + pattern);
        if (rate < 0) throw new IllegalArgumentException("rate must be a positive whole number of writes per second: " + rate);
        if (action == ScopeAction.READ && (range != null || rate > 0)) {
            throw new IllegalArgumentException("constraints apply to write and admin scopes only: read:" + pattern);
        }
    }

    /** A scope without constraints. */
    public static Scope of(ScopeAction action, String pattern) { return new Scope(action, pattern, null, 0); }

    /**
     * Parses one scope (surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming what is wrong: the action, the pattern, an unknown or repeated
     *                                  constraint, a number, min above max, a rate that is not a positive whole number
     */
    public static Scope parse(String text) {
        String s = text == null ? "" : text.strip();
        int colon = s.indexOf(':');
        if (colon < 0) throw new IllegalArgumentException("scope '" + s + "' is not <action>:<pattern>");
        ScopeAction action = ScopeAction.fromWord(s.substring(0, colon));
        if (action == null) {
            throw new IllegalArgumentException("bad action '" + s.substring(0, colon) + "' in scope '" + s
                    + "' (read/r, write/w, admin/a/*)");
        }
        String[] parts = s.substring(colon + 1).split("\\|", -1);
        String problem = Address.problem(parts[0]);
        if (problem != null) throw new IllegalArgumentException("bad pattern in scope '" + s + "': " + problem);
        Range range = null;
        int rate = 0;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String name = eq < 0 ? parts[i] : parts[i].substring(0, eq);
            String value = eq < 0 ? "" : parts[i].substring(eq + 1);
            switch (name) {
                case "range" -> {
                    if (range != null) throw new IllegalArgumentException("repeated constraint 'range' in scope '" + s + "'");
                    range = Range.parse(value, s);
                }
                case "rate" -> {
                    if (rate > 0) throw new IllegalArgumentException("repeated constraint 'rate' in scope '" + s + "'");
                    rate = parseRate(value, s);
                }
                default -> throw new IllegalArgumentException("unknown constraint '" + name + "' in scope '" + s
                        + "' (range=<min>..<max>, rate=<n>)");
            }
        }
        if (action == ScopeAction.READ && (range != null || rate > 0)) {
            throw new IllegalArgumentException("constraints apply to write and admin scopes only: '" + s + "'");
        }
        return new Scope(action, parts[0], range, rate);
    }

    private static int parseRate(String value, String scope) {
        if (!WHOLE.matcher(value).matches() || Integer.parseInt(value) <= 0) {
            throw new IllegalArgumentException("rate must be a positive whole number of writes per second, not '"
                    + value + "' in scope '" + scope + "'");
        }
        return Integer.parseInt(value);
    }

    /** True when the pattern holds a {@code *}, so it matches with the glob matcher. */
    public boolean isWildcard() { return pattern.indexOf('*') >= 0; }

    /** Does this scope's pattern match {@code address} (M2 for wildcard patterns, else string equality)? */
    public boolean matches(String address) {
        return isWildcard() ? Glob.matches(pattern, address) : pattern.equals(address);
    }

    /** True when a range or a rate limits writes under this scope. */
    public boolean constrained() { return range != null || rate > 0; }

    /** The scope without its constraints, e.g. {@code write:/lights/**}; constraint refusals name the scope so. */
    public String grant() { return action.word() + ':' + pattern; }

    /** The canonical form, which {@link #parse} reads back to an equal scope. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(grant());
        if (range != null) out.append("|range=").append(range);
        if (rate > 0) out.append("|rate=").append(rate);
        return out.toString();
    }

    /** Writes the decimal form of {@code d} without exponent or trailing zeros: 255, 0.5, -1.25. */
    static String decimal(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * The numbers a scope lets through, bounds included.
     *
     * @param min the lowest, or {@link Double#NEGATIVE_INFINITY} when open
     * @param max the highest, or {@link Double#POSITIVE_INFINITY} when open
     */
    public record Range(double min, double max) {
        public Range {
            if (Double.isNaN(min) || Double.isNaN(max)) throw new IllegalArgumentException("range bounds must be numbers");
            if (min > max) throw new IllegalArgumentException("range min " + decimal(min) + " is above max " + decimal(max));
        }

        static Range parse(String value, String scope) {
            int dots = value.indexOf("..");
            if (dots < 0) throw new IllegalArgumentException("range must be <min>..<max> (either may be empty), not '"
                    + value + "' in scope '" + scope + "'");
            String low = value.substring(0, dots), high = value.substring(dots + 2);
            if (low.isEmpty() && high.isEmpty()) {
                throw new IllegalArgumentException("range needs at least one bound in scope '" + scope + "'");
            }
            double min = low.isEmpty() ? Double.NEGATIVE_INFINITY : bound(low, scope);
            double max = high.isEmpty() ? Double.POSITIVE_INFINITY : bound(high, scope);
            if (min > max) {
                throw new IllegalArgumentException("range min " + low + " is above max " + high + " in scope '" + scope + "'");
            }
            return new Range(min, max);
        }

        private static double bound(String text, String scope) {
            double d = NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("range bound '" + text + "' is not a decimal number in scope '" + scope + "'");
            }
            return d;
        }

        /** True when {@code d} lies within the bounds, both included. */
        public boolean contains(double d) { return d >= min && d <= max; }

        /** True when every number this range lets through, {@code outer} lets through too. */
        public boolean within(Range outer) { return min >= outer.min && max <= outer.max; }

        /** {@code 0..255}, {@code ..255}, {@code -1.5..} */
        @Override
        public String toString() {
            return (min == Double.NEGATIVE_INFINITY ? "" : decimal(min)) + ".." + (max == Double.POSITIVE_INFINITY ? "" : decimal(max));
        }
    }
}
