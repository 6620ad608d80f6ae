package clasp.transport.udp.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Stands in for the router: records each connection's frames and calls, answers a HELLO with a WELCOME naming the
 * connection's number, and echoes every other frame back.
 */
final class RecordingAcceptor implements ConnectionAcceptor {
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    volatile boolean echo = true;
    /** Called with each frame after it is recorded, on the connection's event loop. */
    volatile BiConsumer<Peer, ByteBuf> onFrame = (peer, frame) -> { };

    @Override
    public ConnectionHandler accept(Connection connection) {
        Peer peer = new Peer(connection, "s" + peers.size());
        peers.add(peer);
        return peer;
    }

    Peer only() {
        if (peers.size() != 1) {
            throw new AssertionError("expected one connection, have " + peers.size());
        }
        return peers.get(0);
    }

    final class Peer implements ConnectionHandler {
        final Connection connection;
        final String session;
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final AtomicInteger writableCalls = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();

        Peer(Connection connection, String session) {
            this.connection = connection;
            this.session = session;
        }

        @Override
        public void frameReceived(ByteBuf frame) {
            if (closedCalls.get() > 0) {
                violations.add("frame after closed()");
            }
            byte[] bytes = ByteBufUtil.getBytes(frame);
            frames.add(bytes);
            onFrame.accept(this, frame);
            if (Frames.isHello(bytes)) {
                connection.send(Unpooled.wrappedBuffer(Frames.welcome(session)));
            } else if (echo) {
                connection.send(frame.retainedSlice()); // the transport releases its own reference after this call
            }
        }

        @Override
        public void writable() {
            writableCalls.incrementAndGet();
        }

        @Override
        public void closed() {
            if (closedCalls.incrementAndGet() > 1) {
                violations.add("closed() twice");
            }
        }
    }
}
