package clasp.oscquery.internal;

/** Which CLASP addresses are OSC address paths an OSCQuery client can use, and where they sit in the tree. */
final class OscPaths {
    /** Characters OSC 1.0 does not allow in a part of an address, and the glob escape. */
    private static final String FORBIDDEN = " #*,?[]{}\\";

    private OscPaths() { }

    /** {@code "/"}, or a {@code /}-separated path of non-empty parts without OSC's reserved characters. */
    static boolean valid(String path) {
        if (path.equals("/")) return true;
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("//")) return false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || FORBIDDEN.indexOf(c) >= 0) return false;
        }
        return true;
    }

    /** The container a node sits in: {@code /a} for {@code /a/b}, {@code /} for {@code /a}. */
    static String parent(String path) {
        int last = path.lastIndexOf('/');
        return last <= 0 ? "/" : path.substring(0, last);
    }

    /** The glob (router semantics) of every address strictly below {@code path}. */
    static String below(String path) {
        return path.equals("/") ? "/**" : path + "/**";
    }
}
