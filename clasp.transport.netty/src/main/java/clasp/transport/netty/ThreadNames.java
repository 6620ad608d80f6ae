package clasp.transport.netty;

/** Thread-name parts from instance ids. */
public final class ThreadNames {
    private ThreadNames() { }

    /** Letters, digits, '-', '_' and '.' kept; anything else becomes '_'. */
    public static String safe(String id) { return id.replaceAll("[^A-Za-z0-9._-]", "_"); }
}
