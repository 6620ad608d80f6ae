package clasp.security.internal;

import java.util.Locale;

/** The two modes, with the reference's spellings (§14.1): open|none|off and authenticated|auth|token. */
enum SecurityMode {
    OPEN, AUTHENTICATED;

    static SecurityMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "", "open", "none", "off" -> OPEN;
            case "authenticated", "auth", "token" -> AUTHENTICATED;
            default -> throw new IllegalArgumentException("clasp.security: mode must be open or authenticated, is " + text);
        };
    }

    String word() { return this == OPEN ? "open" : "authenticated"; }
}
