package clasp.transport.websocket.internal;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.auth.Authoriser;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.store.ParamRecord;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.ConnectionHandler;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterCore;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.SessionGate;
import clasp.router.internal.session.TrafficCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;

/** The real router core behind a transport under test, and an in-process writer session to change params. */
final class RealRouter implements ConnectionAcceptor, AutoCloseable {
    private final TimerClock clock = new TimerClock();
    private final SessionGate gate = new SessionGate(1_000, 1_000);
    final RouterCore core;

    RealRouter() {
        this(new OpenAuthoriser());
    }

    RealRouter(Authoriser authoriser) {
        core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), authoriser, clock);
    }

    @Override
    public ConnectionHandler accept(Connection connection) {
        if (!gate.enter()) {
            connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too many connections in handshake");
            return null;
        }
        return new NetworkSession(core, connection, gate, TrafficCounters.NONE);
    }

    /** The revision stored for {@code address}, 0 when there is none. */
    long revision(String address) {
        ParamRecord p = core.store().get(address);
        return p == null ? 0 : p.revision();
    }

    /** A client session that writes params; use it from one thread at a time. */
    Writer writer() {
        return new Writer();
    }

    final class Writer implements Connection {
        private final ConnectionHandler session = accept(this);
        volatile String sessionId;

        private Writer() {
            send(new HelloMessage(1, Set.of(Feature.PARAM), "writer", null));
        }

        void set(String address, Value value) {
            send(new SetMessage(address, value));
        }

        private void send(Message m) {
            ByteBuf frame = Unpooled.wrappedBuffer(encode(m));
            try {
                session.frameReceived(frame);
            } finally {
                frame.release();
            }
        }

        private byte[] encode(Message m) {
            try {
                return ClaspCodec.defaults().encode(Frame.of(m));
            } catch (clasp.protocol.EncodeException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override public String transport() { return "test"; }
        @Override public String remoteAddress() { return "in-process"; }
        @Override public String peerIdentity() { return null; }
        @Override public int maxFrameBytes() { return ClaspCodec.MAX_FRAME_BYTES; }

        @Override
        public void send(ByteBuf frame) {
            try {
                if (sessionId == null && ClaspCodec.defaults().decode(frame.duplicate()).message() instanceof WelcomeMessage w) {
                    sessionId = w.session();
                }
            } catch (clasp.protocol.DecodeException e) {
                throw new AssertionError(e);
            } finally {
                frame.release();
            }
        }

        @Override public boolean isWritable() { return true; }
        @Override public long queuedBytes() { return 0; }
        @Override public long lastActivityNanos() { return System.nanoTime(); }
        @Override public void close(int code, String reason) { }
        @Override public void closeNow(int code, String reason) { }
    }

    @Override
    public void close() {
        clock.stop();
    }
}
