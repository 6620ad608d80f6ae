package clasp.client;

/**
 * A request failed because its connection went away before the reply came (or the client was closed). A write may
 * or may not have been applied: the router answers on the connection it was sent on.
 */
public final class ConnectionLostException extends RuntimeException {
    public ConnectionLostException(String message) { super(message); }
}
