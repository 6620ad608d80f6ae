package clasp.transport.websocket.internal;

/** Thread-name parts from instance ids. */
final class ThreadNames {
    private ThreadNames() { }

    /** Letters, digits, '-', '_' and '.' kept; anything else becomes '_'. */
    static String safe(String id) { return id.replaceAll("[^A-Za-z0-9._-]", "_"); }
}
