package clasp.api.auth;

import java.util.Set;

/**
 * Who a session acts for, fixed at HELLO (a network client) or when a local session opens.
 *
 * @param name   the identity, e.g. a token's subject, a certificate's subject, or "open" in open mode
 * @param scopes what it was granted, e.g. {@code read:/lights/**}, {@code write:/mixer/*}; {@link #ALL} in open mode
 */
public record Principal(String name, Set<String> scopes) {
    /** The scope that grants everything. */
    public static final String ALL = "admin:/**";
    /**
     * The scopes of a bridge or local session whose configuration grants none: every action, SUBSCRIBE included (in
     * authenticated mode SUBSCRIBE needs a {@code read:} scope, which {@link #ALL} alone is not).
     */
    public static final Set<String> EVERYTHING = Set.of(ALL, "read:/**");
    /** The principal of every session in open mode (no authentication configured). */
    public static final Principal OPEN = new Principal("open", Set.of(ALL));

    public Principal {
        scopes = Set.copyOf(scopes);
    }
}
