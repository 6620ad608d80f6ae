package clasp.protocol.transport;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A transport instance (a listener), registered as an OSGi service, normally a DS component with a factory
 * configuration. The router tracks every registered {@code Transport}, opens it with its
 * {@link ConnectionAcceptor}, and closes it when the service goes; the transport never looks the router up.
 *
 * <p>{@link #open} and {@link #close} are called on a router thread, never concurrently, with the timeouts of
 * {@link clasp.api.bridge.Bridge}; a throw or timeout marks the instance failed, visible in
 * {@code clasp.transport:list}. The transport calls the acceptor and the handlers it returns on its own
 * threads (for Netty, the connection's event loop).
 *
 * <p>Service properties read by the router: {@link #ID} and {@link #KIND}.
 */
@ConsumerType
public interface Transport {
    /** Service property (String): the instance id, unique among transports, normally from configuration. */
    String ID = "clasp.transport.id";
    /** Service property (String): the transport kind, e.g. "websocket", "tcp". */
    String KIND = "clasp.transport.kind";

    /**
     * Starts listening and hands every accepted connection to {@code acceptor}. Binding a socket here is fine;
     * waiting for a peer is not.
     *
     * @throws Exception when the transport cannot listen (port in use, bad address); the message is shown to admins
     */
    void open(ConnectionAcceptor acceptor) throws Exception;

    /** Where clients connect, e.g. {@code ws://0.0.0.0:7330/}; "" before {@link #open}. */
    String endpoint();

    /**
     * Stops listening, closes every connection (each handler gets {@code closed()}) and ends every thread the
     * transport started. Called once, also after a failed {@code open}. Must not throw.
     */
    void close();
}
