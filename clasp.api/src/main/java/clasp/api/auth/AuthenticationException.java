package clasp.api.auth;

/**
 * An {@link Authenticator}'s refusal: the ERROR code and message the client gets before its connection is closed
 * (300 "Authentication required" / "Invalid token: …" / "Unrecognized token format", 302 "Token has expired",
 * 500 "Server misconfiguration").
 */
public final class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** ERROR 300. */
    public static final int INVALID = 300;
    /** ERROR 302. */
    public static final int EXPIRED = 302;
    /** ERROR 500. */
    public static final int MISCONFIGURED = 500;

    private final int code;

    public AuthenticationException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The ERROR code sent to the client. */
    public int code() { return code; }
}
