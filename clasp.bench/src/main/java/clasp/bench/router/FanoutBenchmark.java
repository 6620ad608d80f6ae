package clasp.bench.router;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterCore;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.NetworkSession;
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
    private AtomicLong delivered;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        clock = new TimerClock();
        core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), new OpenAuthoriser(), clock);
        SinkSessions sinks = new SinkSessions(core);
        delivered = sinks.delivered;
        sender = sinks.open(Feature.EVENT);
        for (int i = 0; i < sessions; i++) {
            NetworkSession s = sinks.open(Feature.EVENT);
            String pattern = i < MATCHING ? "/show/stage/*" : "/show/panel" + i + "/**";
            s.frameReceived(SinkSessions.frame(new SubscribeMessage(1, pattern)));
        }
        event = PublishMessage.event("/show/stage/cue", Value.of(1L));
        delivered.set(0);
        core.publish(sender, event);
        if (delivered.get() != MATCHING) throw new IllegalStateException("one fan-out reached " + delivered.get() + " sessions");
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
