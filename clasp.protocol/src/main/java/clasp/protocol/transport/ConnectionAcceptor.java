package clasp.protocol.transport;

import org.osgi.annotation.versioning.ProviderType;

/** Registered by the router: transports hand it every connection they accept. */
@ProviderType
public interface ConnectionAcceptor {
    /**
     * Takes a new connection. The returned handler receives the connection's frames. When the router refuses the
     * connection (a limit is reached) it closes it itself and returns a handler that ignores everything.
     */
    ConnectionHandler accept(Connection connection);
}
