package clasp.security.internal.scope;

import clasp.protocol.match.Glob;

/**
 * A wildcard scope as the index files it, with a shortcut for the two common shapes: {@code <literal>/*} (one more
 * segment) and {@code <literal>/**} (anything below), which match exactly as the glob matcher would without running
 * it; any other pattern goes through {@link Glob}.
 */
record FiledScope(Scope scope, Shape shape, String stem) {
    enum Shape { ONE_SEGMENT, ANY_DEPTH, GLOB }

    private static final String GLOB_CHARS = "*?[{\\!";

    static FiledScope of(Scope scope) {
        String pattern = scope.pattern();
        if (pattern.endsWith("/**") && literal(pattern, pattern.length() - 2)) {
            return new FiledScope(scope, Shape.ANY_DEPTH, pattern.substring(0, pattern.length() - 2));
        }
        if (pattern.endsWith("/*") && literal(pattern, pattern.length() - 1)) {
            return new FiledScope(scope, Shape.ONE_SEGMENT, pattern.substring(0, pattern.length() - 1));
        }
        return new FiledScope(scope, Shape.GLOB, null);
    }

    /** Does the scope's pattern match {@code address} (the glob matcher's answer)? */
    boolean matches(String address) {
        return switch (shape) {
            case ANY_DEPTH -> address.startsWith(stem);
            case ONE_SEGMENT -> address.startsWith(stem) && address.indexOf('/', stem.length()) < 0;
            case GLOB -> Glob.matches(scope.pattern(), address);
        };
    }

    private static boolean literal(String pattern, int end) {
        for (int i = 0; i < end; i++) if (GLOB_CHARS.indexOf(pattern.charAt(i)) >= 0) return false;
        return true;
    }
}
