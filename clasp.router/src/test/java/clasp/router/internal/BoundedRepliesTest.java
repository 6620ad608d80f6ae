package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.AckMessage;
import clasp.api.message.Frame;
import clasp.api.message.GetMessage;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.QueryMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.LocalSession;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * D2 for replies: SNAPSHOT, GET and RESULT replies count toward the session's outbound bytes, and a peer that asks
 * and never reads is closed with 1008 as soon as they pass the hard bound, having cost at most one frame more.
 */
class BoundedRepliesTest extends RouterTestSupport {
    private static final long BOUND = 8L << 20;
    private static final int PARAMS = 5_000;
    /** A SNAPSHOT frame at most, the most one request can build past the bound. */
    private static final long ONE_FRAME = 65_547;

    /** A peer that never reads: everything sent stays queued; not writable above a 256 KB watermark. */
    static final class NeverReads implements Connection {
        final AtomicLong queued = new AtomicLong();
        final AtomicLong frames = new AtomicLong();
        volatile Integer closeCode;
        volatile boolean closedNow;

        @Override public String transport() { return "test"; }
        @Override public String remoteAddress() { return "test:2"; }
        @Override public String peerIdentity() { return null; }
        @Override public int maxFrameBytes() { return 65_547; }
        @Override public void send(ByteBuf frame) {
            queued.addAndGet(frame.readableBytes());
            frames.incrementAndGet();
            frame.release();
        }
        @Override public boolean isWritable() { return queued.get() < 256 * 1024; }
        @Override public long queuedBytes() { return queued.get(); }
        @Override public long lastActivityNanos() { return System.nanoTime(); }
        @Override public synchronized void close(int code, String reason) { if (closeCode == null) closeCode = code; }
        @Override public synchronized void closeNow(int code, String reason) {
            closedNow = true;
            close(code, reason);
        }
    }

    @BeforeEach void fill() throws Exception {
        // no pending-request limit: the byte bound is what these greedy peers meet (InputLimitsTest has the other)
        restart(TestSettings.defaults().maxQueuedBytes(BOUND).maxPendingRequestsPerSession(0));
        String kilobyte = "x".repeat(1_000);
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < PARAMS; i++) s.set("/big/" + i, Value.of(kilobyte));
        }
    }

    private static void send(ConnectionHandler h, Message m) {
        h.frameReceived(Unpooled.wrappedBuffer(TestClient.encode(Frame.of(m))));
    }

    private void askAndNeverRead(int times, Function<Integer, Message> request) {
        NeverReads peer = new NeverReads();
        ConnectionHandler h = router.accept(peer);
        send(h, new HelloMessage(1, Set.of(Feature.PARAM), "greedy", null));   // paced: stops at the watermark
        assertThat(peer.closeCode).isNull();
        for (int i = 0; i < times; i++) send(h, request.apply(i));

        assertThat(peer.closeCode).isEqualTo(1008);
        assertThat(peer.closedNow).as("closed at once, not behind its backlog").isTrue();
        assertThat(peer.queued.get()).as("bytes built for it").isLessThanOrEqualTo(BOUND + ONE_FRAME);
        long framesAtClose = peer.frames.get();
        send(h, request.apply(0));
        assertThat(peer.frames.get()).as("nothing is built after the close").isEqualTo(framesAtClose);
        assertThat(router.stats().refusals()).containsEntry("slow-consumer", 1L);

        TestClient other = client();   // everyone else is served as before
        other.send(new SetMessage("/other", Value.of(1L)));
        assertThat(other.take()).containsExactly(new AckMessage("/other", 1L, null, null, null));
    }

    /** The attack as found: 400 SUBSCRIBEs to 5 MB of params from a peer that never reads. */
    @Test void subscribeSnapshotsStopAtTheBoundAndTheGreedyPeerIsClosedWith1008() {
        askAndNeverRead(400, i -> new SubscribeMessage(i + 1, "/big/**"));
    }

    /** 10,000 GETs of 1 KB, queued behind the greeting the peer never read: past the 8 MB bound. */
    @Test void getRepliesCountTowardTheBound() {
        askAndNeverRead(2 * PARAMS, i -> new GetMessage("/big/" + (i % PARAMS)));
    }

    @Test void queryResultsCountTowardTheBound() {
        TestClient announcer = client();
        for (int batch = 0; batch < 10; batch++) {   // 5,000 signals, 500 to a frame
            List<SignalDefinition> defs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                defs.add(new SignalDefinition("/signals/a/rather/long/address/" + batch + "/" + i, SignalType.PARAM));
            }
            announcer.send(new AnnounceMessage("/signals", defs));
        }
        assertThat(announcer.take()).hasSize(10);
        askAndNeverRead(400, i -> new QueryMessage("/signals/**"));
    }
}
