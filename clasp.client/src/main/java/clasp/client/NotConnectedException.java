package clasp.client;

/** A request was made while the client was not {@link ConnectionState#CONNECTED}; nothing was sent. */
public final class NotConnectedException extends RuntimeException {
    public NotConnectedException(ConnectionState state) { super("not connected (" + state + ")"); }
}
