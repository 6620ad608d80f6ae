package clasp.transport.serial.internal;

import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's handler of one session, called from one thread at a time as the SPI requires: frames come from the
 * line's reader, {@code writable()} and {@code closed()} from the session's writer, so every call holds this
 * object's monitor. {@code closed()} is called once and nothing after it. A router fault is logged and stays on
 * this session. The router never calls back into this object (it calls the connection, which takes no lock), so
 * holding the monitor across a call cannot deadlock.
 */
final class RouterCalls {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCalls.class);

    private final String name;
    private ConnectionHandler handler; // guarded by this
    private boolean closed;            // guarded by this

    /** @param name the instance and path, for the log */
    RouterCalls(String name) {
        this.name = name;
    }

    /** What the acceptor returned; null (the acceptor threw) makes every call a no-op. */
    synchronized void handler(ConnectionHandler handler) {
        this.handler = handler;
    }

    /** One frame; the caller keeps and releases its reference. */
    synchronized void frame(ByteBuf frame) {
        if (!closed && handler != null) guarded("a frame", () -> handler.frameReceived(frame));
    }

    synchronized void writable() {
        if (!closed && handler != null) guarded("writable()", handler::writable);
    }

    synchronized void closed() {
        if (closed) return;
        closed = true;
        if (handler != null) guarded("closed()", handler::closed);
    }

    private void guarded(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: router failed on {}", name, what, e);
        }
    }
}
