package clasp.api.router;

/** The protocol's error codes. */
public final class ErrorCodes {
    private ErrorCodes() {}

    public static final int INVALID_FRAME = 100;
    public static final int INVALID_MESSAGE = 101;
    public static final int INVALID_ADDRESS = 200;
    public static final int PATTERN_ERROR = 202;
    public static final int UNAUTHORIZED = 300;
    public static final int FORBIDDEN = 301;
    public static final int STATE_ERROR = 400;
    public static final int INVALID_VALUE = 402;
    public static final int REJECTED = 403;
    public static final int NOT_FOUND = 404;
    public static final int RATE_LIMITED = 429;
    public static final int INTERNAL = 500;
    /** A service the request needs is not configured (REPLAY without a journal). @since 1.6 */
    public static final int UNAVAILABLE = 501;
    public static final int BUFFER_OVERFLOW = 503;
}
