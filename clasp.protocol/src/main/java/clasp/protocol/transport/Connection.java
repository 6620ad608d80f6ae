package clasp.protocol.transport;

import io.netty.buffer.ByteBuf;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One network connection, implemented by a transport. All methods are thread-safe and never block.
 *
 * <p><b>Order.</b> Every connection has one outbound queue. Frames leave in the order their {@link #send} calls
 * entered that queue, whatever threads made them: a frame whose {@code send} returned before another
 * {@code send} began (on any thread) is written first. So a caller that serialises its sends (the router holds
 * an address's lock while it sends that address's SETs) gets exactly its order on the wire.
 *
 * <p><b>Bounds.</b> {@link #queuedBytes} counts every byte accepted by {@code send} and not yet written.
 * Above the transport's high watermark {@link #isWritable} is false and the transport stops reading from the
 * peer (back-pressure: a peer that does not read cannot make the router queue more replies); below the low
 * watermark it reads again and calls {@link ConnectionHandler#writable}. The router enforces its own hard bound
 * by {@link #closeNow}.
 */
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
    /** Close code for a frame above {@link #maxFrameBytes} (WebSocket 1009). */
    int CLOSE_TOO_BIG = 1009;

    /** The transport's name, e.g. "websocket". */
    String transport();

    /** The peer's address as text, e.g. "127.0.0.1:53422". */
    String remoteAddress();

    /**
     * The identity the transport itself authenticated (for example the subject of a TLS client certificate, or
     * {@code mqtt:<client id>} for an MQTT client), or null when it authenticated nobody. In open mode the router
     * names the session's principal after it. Authentication by token happens in the router, not here.
     */
    String peerIdentity();

    /**
     * Whether this connection should get delivered SETs and PUBLISHes with the QoS their writer's frame carried in the
     * frame's flags, instead of the router's own QoS for the message type (D8: what a CLASP client gets). A transport
     * that translates for a protocol where delivery QoS is the minimum of the publisher's and the subscription's (MQTT)
     * answers true. A message without a writer's frame (written through the router API, scheduled, coalesced or played
     * by the router) keeps the router's QoS. Default false.
     */
    default boolean receivesWriterQos() {
        return false;
    }

    /**
     * Whether the router sends the whole store as SNAPSHOT right after WELCOME (the CLASP handshake, §3.2). A
     * transport that translates for a protocol where a client gets state only for what it subscribes to (an MQTT
     * client gets retained messages for its filters) answers false. Default true.
     */
    default boolean sendsInitialSnapshot() {
        return true;
    }

    /** The largest CLASP frame, in bytes, this connection carries in either direction. */
    int maxFrameBytes();

    /**
     * Queues one whole CLASP frame, in the order described above. The connection takes over one reference to
     * {@code frame} and releases it once written (or dropped because the connection closed).
     */
    void send(ByteBuf frame);

    /** False while the bytes queued for this peer are above the transport's high watermark. */
    boolean isWritable();

    /** Bytes accepted by {@link #send} and not yet written to the network. */
    long queuedBytes();

    /** {@link System#nanoTime()} of the last bytes received from the peer, control frames included. */
    long lastActivityNanos();

    /**
     * Stops reading from the peer for {@code millis} milliseconds, then reads again (unless back-pressure or a close
     * keeps it stopped): a peer over its rate limit costs nothing more until its next second. Frames already read
     * are still handed over. Any thread. Default: does nothing (the transport cannot pause).
     */
    default void pauseReading(long millis) {
    }

    /**
     * Closes the connection after the frames already queued: the peer reads them, then the close with
     * {@code code} (one of the CLOSE_ constants) and {@code reason}. Stops reading at once: once this call has
     * returned, no further frame is handed to the handler (one already being handed over may finish). The
     * transport ends the connection gracefully (the peer is not reset before it read the close) and bounds how
     * long it waits for a peer that never reads. Frames sent after this call are released, not sent. Idempotent.
     */
    void close(int code, String reason);

    /**
     * Closes the connection at once: frames queued and not yet written are discarded (and released), the close
     * with {@code code} and {@code reason} is the next thing written. For a peer past the router's hard bound.
     * Idempotent; after {@link #close} it still discards what is left.
     */
    void closeNow(int code, String reason);
}
