package clasp.transport.tcp.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Stands in for the router: records each connection's frames and calls, and echoes every frame back. */
final class RecordingAcceptor implements ConnectionAcceptor {
    final List<Peer> peers = new CopyOnWriteArrayList<>();
    volatile boolean echo = true;

    @Override
    public ConnectionHandler accept(Connection connection) {
        Peer peer = new Peer(connection);
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
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();
        /** Called with each frame after it is recorded (on the connection's event loop). */
        volatile Consumer<ByteBuf> onFrame = frame -> { };

        Peer(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void frameReceived(ByteBuf frame) {
            if (closedCalls.get() > 0) {
                violations.add("frame after closed()");
            }
            frames.add(ByteBufUtil.getBytes(frame));
            onFrame.accept(frame);
            if (echo) {
                connection.send(frame.retainedSlice()); // the transport releases its own reference after this call
            }
        }

        @Override
        public void writable() {
        }

        @Override
        public void closed() {
            closedCalls.incrementAndGet();
        }
    }
}
