package clasp.dashboard.internal;

/** A request the admin API refuses: the HTTP status and the reason the page shows. */
final class ApiError extends Exception {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() { return status; }
}
