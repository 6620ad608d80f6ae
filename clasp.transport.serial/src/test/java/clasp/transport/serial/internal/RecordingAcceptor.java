package clasp.transport.serial.internal;

import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Stands in for the router: records each session's frames and calls, and which calls overlapped or came late. */
final class RecordingAcceptor implements ConnectionAcceptor {
    final List<Session> sessions = new CopyOnWriteArrayList<>();
    /** When set, sessions are refused the way the router does at a limit: closed inside accept. */
    volatile boolean refuse;

    @Override
    public ConnectionHandler accept(Connection connection) {
        Session session = new Session(connection);
        sessions.add(session);
        if (refuse) {
            connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "router at its session limit");
        }
        return session;
    }

    Session session(int index) {
        return sessions.get(index);
    }

    static final class Session implements ConnectionHandler {
        final Connection connection;
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        final AtomicInteger closedCalls = new AtomicInteger();
        final AtomicInteger writableCalls = new AtomicInteger();
        final List<String> violations = new CopyOnWriteArrayList<>();
        private final AtomicInteger inCall = new AtomicInteger();

        Session(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void frameReceived(ByteBuf frame) {
            enter("frame");
            frames.add(ByteBufUtil.getBytes(frame));
            leave();
        }

        @Override
        public void writable() {
            enter("writable()");
            writableCalls.incrementAndGet();
            leave();
        }

        @Override
        public void closed() {
            enter("closed()");
            closedCalls.incrementAndGet();
            leave();
        }

        private void enter(String call) {
            if (closedCalls.get() > 0) violations.add(call + " after closed()");
            if (inCall.incrementAndGet() != 1) violations.add(call + " while another call ran");
        }

        private void leave() {
            inCall.decrementAndGet();
        }
    }
}
