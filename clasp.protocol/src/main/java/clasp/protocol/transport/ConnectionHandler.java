package clasp.protocol.transport;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The router's side of one connection, returned by {@link ConnectionAcceptor#accept}. A transport calls it
 * from one thread at a time per connection, in the order events happened. Implemented by the router.
 */
@ProviderType
public interface ConnectionHandler {
    /**
     * One frame received. The buffer is only valid during the call: the transport releases it afterwards,
     * so a handler that keeps it must retain it.
     */
    void frameReceived(ByteBuf frame);

    /** The connection became writable again after {@link Connection#isWritable()} returned false. */
    void writable();

    /** The connection closed, from either side. Called exactly once; no call follows it. */
    void closed();
}
