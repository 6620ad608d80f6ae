package clasp.bench.router;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of one fan-out in the router's core: a PUBLISH event that matches the subscriptions of 10 network sessions,
 * with {@code sessions} subscribed sessions in all (the others subscribe to other addresses, a pattern each, as a
 * show's panels do). With the subscription index the cost should not grow with the sessions that do not match.
 * Sessions sit on connections that take each frame and drop it (counted, so the work cannot be skipped); the
 * measured work is match, encode once, and 10 deliveries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FanoutBenchmark {
    private static final int MATCHING = 10;

    @Param({"10", "10000"})
    public int sessions;

    private TimerClock clock;
    private RouterCore core;
    private NetworkSession sender;
    private PublishMessage event;
    private final AtomicLong delivered = new AtomicLong();

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

    @Setup(Level.Trial)
    public void setup() throws Exception {
        clock = new TimerClock();
        core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), new OpenAuthoriser(), clock);
        SessionGate gate = new SessionGate(Integer.MAX_VALUE, Integer.MAX_VALUE);
        sender = open(gate);
        for (int i = 0; i < sessions; i++) {
            NetworkSession s = open(gate);
            String pattern = i < MATCHING ? "/show/stage/*" : "/show/panel" + i + "/**";
            s.frameReceived(frame(new SubscribeMessage(1, pattern)));
        }
        event = PublishMessage.event("/show/stage/cue", Value.of(1L));
        delivered.set(0);
        core.publish(sender, event);
        if (delivered.get() != MATCHING) throw new IllegalStateException("one fan-out reached " + delivered.get() + " sessions");
    }

    private NetworkSession open(SessionGate gate) throws Exception {
        gate.enter();
        NetworkSession s = new NetworkSession(core, new Sink(), gate, TrafficCounters.NONE);
        s.frameReceived(frame(new HelloMessage(1, Set.of(Feature.EVENT), "bench", null)));
        return s;
    }

    private static ByteBuf frame(clasp.api.message.Message m) throws Exception {
        return Unpooled.wrappedBuffer(ClaspCodec.defaults().encode(Frame.of(m)));
    }

    @TearDown(Level.Trial)
    public void tearDown() { clock.stop(); }

    /** One PUBLISH to the 10 matching sessions. */
    @Benchmark
    public long fanoutTo10() throws Exception {
        core.publish(sender, event);
        return delivered.get();
    }
}
