package clasp.protocol.transport;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/** One network connection, implemented by a transport. All methods are thread-safe and never block. */
@ConsumerType
public interface Connection {
    /** Close code for a connection refused because the router is at a limit (WebSocket 1013, "try again later"). */
    int CLOSE_TRY_AGAIN_LATER = 1013;
    /** Close code for a protocol violation (WebSocket 1002). */
    int CLOSE_PROTOCOL_ERROR = 1002;
    /** Close code for a normal close (WebSocket 1000). */
    int CLOSE_NORMAL = 1000;
    /** Close code for a peer too slow to take its frames (WebSocket 1008, policy violation). */
    int CLOSE_POLICY = 1008;
    /** Close code for a server going away: a transport or the router stopping (WebSocket 1001). */
    int CLOSE_GOING_AWAY = 1001;

    /** The transport's name, e.g. "websocket". */
    String transport();

    /** The peer's address as text, e.g. "127.0.0.1:53422". */
    String remoteAddress();

    /**
     * Queues one whole CLASP frame. The connection takes over one reference to {@code frame} and releases it
     * once written (or dropped because the connection closed). Frames from one thread are sent in call order.
     */
    void send(ByteBuf frame);

    /** False while the bytes queued for this peer are above the transport's high watermark. */
    boolean isWritable();

    /** Bytes queued and not yet written to the network. */
    long queuedBytes();

    /** {@link System#nanoTime()} of the last bytes received from the peer, control frames included. */
    long lastActivityNanos();

    /** Closes the connection; {@code code} is one of the CLOSE_ constants. Idempotent. */
    void close(int code, String reason);
}
