package clasp.bench.router;

import clasp.api.Feature;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
import clasp.router.internal.RouterCore;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.SessionGate;
import clasp.router.internal.session.TrafficCounters;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Network sessions of a router core whose connections take every frame, count it and drop it: what the router's
 * benchmarks deliver to, so that delivery cannot be optimised away and costs no socket.
 */
public final class SinkSessions {
    private final RouterCore core;
    private final SessionGate gate = new SessionGate(Integer.MAX_VALUE, Integer.MAX_VALUE);
    /** Frames every connection opened here has taken. */
    public final AtomicLong delivered = new AtomicLong();

    public SinkSessions(RouterCore core) { this.core = core; }

    /** A session through its HELLO, announcing {@code feature}. */
    public NetworkSession open(Feature feature) throws Exception { return open(feature, null); }

    /** A session through its HELLO with {@code token} (null: none). */
    public NetworkSession open(Feature feature, String token) throws Exception {
        gate.enter();
        NetworkSession s = new NetworkSession(core, new Sink(), gate, TrafficCounters.NONE);
        s.frameReceived(frame(new HelloMessage(1, Set.of(feature), "bench", token)));
        return s;
    }

    /** {@code m} framed as a client sends it. */
    public static ByteBuf frame(Message m) throws Exception {
        return Unpooled.wrappedBuffer(ClaspCodec.defaults().encode(Frame.of(m)));
    }

    /** A connection that takes every frame and drops it. */
    private final class Sink implements Connection {
        @Override public String transport() { return "bench"; }
        @Override public String remoteAddress() { return "bench"; }
        @Override public String peerIdentity() { return null; }
        @Override public int maxFrameBytes() { return 65_548; }
        @Override public void send(ByteBuf frame) {
            delivered.incrementAndGet();
            frame.release();
        }
        @Override public boolean isWritable() { return true; }
        @Override public long queuedBytes() { return 0; }
        @Override public long lastActivityNanos() { return System.nanoTime(); }
        @Override public void close(int code, String reason) { }
        @Override public void closeNow(int code, String reason) { }
    }
}
