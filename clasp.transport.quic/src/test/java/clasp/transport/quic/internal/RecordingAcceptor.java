package clasp.transport.quic.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the router: records each session's frames and calls, and echoes every frame back. */
final class RecordingAcceptor implements ConnectionAcceptor {
    final List<Peer> peers = new CopyOnWriteArrayList<>();

    @Override
    public ConnectionHandler accept(Connection connection) {
        Peer peer = new Peer(connection);
        peers.add(peer);
        return peer;
    }

    final class Peer implements ConnectionHandler {
        final Connection connection;
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();

        Peer(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void frameReceived(ByteBuf frame) {
            if (closedCalls.get() > 0) {
                violations.add("frame after closed()");
            }
            frames.add(ByteBufUtil.getBytes(frame));
            connection.send(frame.retainedSlice()); // the transport releases its own reference after this call
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
