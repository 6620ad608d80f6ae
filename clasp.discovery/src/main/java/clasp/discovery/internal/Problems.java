package clasp.discovery.internal;

/** A failure as one short phrase for a log line ("Address already in use"), without an exception's class name. */
final class Problems {
    private Problems() {}

    static String describe(Throwable e) {
        String message = e.getMessage();
        if (message != null && !message.isBlank()) return message;
        return e.getClass().getSimpleName().replace("Exception", " error").strip();
    }
}
