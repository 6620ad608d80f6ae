package clasp.transport.netty;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What one transport writes to its channel: the message carrying one CLASP frame, and the message that ends the
 * connection, if the transport has one. The rest of the pipeline turns these into bytes (a WebSocket encoder, a
 * length prefix, SLIP). Stateless and thread-safe: one instance serves every connection of a listener.
 */
@ConsumerType
public interface Wire {
    /** The channel message carrying {@code frame}; it takes over the frame's reference. */
    Object message(ByteBuf frame);

    /**
     * The message that tells the peer the connection ends with {@code code} and {@code reason}, written after every
     * frame queued before it; null when the transport has none and ends with the socket's own close.
     */
    Object closeMessage(int code, String reason);

    /** A wire whose frames go to the channel as they are and that ends with the socket's close (TCP, QUIC, serial). */
    Wire RAW = new Wire() {
        @Override
        public Object message(ByteBuf frame) {
            return frame;
        }

        @Override
        public Object closeMessage(int code, String reason) {
            return null;
        }
    };
}
