package clasp.protocol.transport;

import org.osgi.annotation.versioning.ProviderType;

/** Given by the router to each {@link Transport} it opens: the transport hands it every connection it accepts. */
@ProviderType
public interface ConnectionAcceptor {
    /**
     * Takes a new connection. The returned handler receives the connection's frames. When the router refuses the
     * connection (a limit is reached) it closes it itself and returns a handler that ignores everything.
     */
    ConnectionHandler accept(Connection connection);
}
