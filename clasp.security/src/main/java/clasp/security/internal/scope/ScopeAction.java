package clasp.security.internal.scope;

import java.util.Locale;

/** What a scope grants, in the hierarchy admin ⊇ write ⊇ read (§14.4). */
public enum ScopeAction {
    READ, WRITE, ADMIN;

    /** read/r, write/w, admin/a/* in any case, or null when {@code word} is none of them. */
    static ScopeAction fromWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "read", "r" -> READ;
            case "write", "w" -> WRITE;
            case "admin", "a", "*" -> ADMIN;
            default -> null;
        };
    }

    /** True when a scope with this action grants {@code needed} (admin ⊇ write ⊇ read). */
    public boolean includes(ScopeAction needed) { return ordinal() >= needed.ordinal(); }

    /** May a delegated scope with action {@code child} come from one with this action (§14.8)? */
    public boolean mayDelegate(ScopeAction child) { return includes(child); }

    /** The canonical word: read, write or admin. */
    public String word() { return name().toLowerCase(Locale.ROOT); }
}
