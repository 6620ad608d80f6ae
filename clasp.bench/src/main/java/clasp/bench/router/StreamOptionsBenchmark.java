package clasp.bench.router;

import clasp.api.Feature;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.message.SubscribeOptions;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterCore;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.NetworkSession;
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
 * What stream options add to one delivery: a stream PUBLISH (its value alternating 0 and 1) fanned out to 10 network
 * sessions, each with one subscription whose options are {@code options}:
 * {@code none} (a plain subscription: the path without stream options), {@code historyOnly} (options that need no
 * state per delivery), {@code epsilonPass} (epsilon 0.5: each sample checked and sent), {@code epsilonDrop}
 * (epsilon 10: each sample checked and left out after the first). {@code historyDepth} is the router's per-address
 * stream history (0: off; 16: the default, one sample recorded per PUBLISH). Connections take each frame and drop it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamOptionsBenchmark {
    private static final int SESSIONS = 10;

    @Param({"none", "historyOnly", "epsilonPass", "epsilonDrop"})
    public String options;

    @Param({"0", "16"})
    public int historyDepth;

    private TimerClock clock;
    private RouterCore core;
    private NetworkSession sender;
    private final PublishMessage[] samples = new PublishMessage[2];
    private int next;
    private AtomicLong delivered;

    private SubscribeOptions subscribeOptions() {
        return switch (options) {
            case "none" -> null;
            case "historyOnly" -> new SubscribeOptions(null, null, 16L, null);
            case "epsilonPass" -> new SubscribeOptions(null, 0.5, null, null);
            case "epsilonDrop" -> new SubscribeOptions(null, 10.0, null, null);
            default -> throw new IllegalArgumentException(options);
        };
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        clock = new TimerClock();
        RouterSettings settings = RouterSettings.defaults().withStreamHistoryDepth(historyDepth);
        core = new RouterCore(settings, new MemoryParamStore(), new OpenAuthoriser(), clock);
        SinkSessions sinks = new SinkSessions(core);
        delivered = sinks.delivered;
        sender = sinks.open(Feature.STREAM);
        for (int i = 0; i < SESSIONS; i++) {
            sinks.open(Feature.STREAM).frameReceived(
                    SinkSessions.frame(new SubscribeMessage(1, "/show/stage/*", Set.of(), subscribeOptions())));
        }
        for (int i = 0; i < 2; i++) {
            samples[i] = new PublishMessage("/show/stage/fader", SignalType.STREAM, Value.of((double) i), null, null,
                    null, GesturePhase.START, null);
        }
        delivered.set(0);
        core.publish(sender, samples[0]);
        core.publish(sender, samples[1]);
        long expected = options.equals("epsilonDrop") ? SESSIONS : 2 * SESSIONS;
        if (delivered.get() != expected) throw new IllegalStateException("two samples made " + delivered.get() + " deliveries");
    }

    @TearDown(Level.Trial)
    public void tearDown() { clock.stop(); }

    /** One stream sample to the 10 subscribed sessions. */
    @Benchmark
    public long publishStreamTo10() throws Exception {
        core.publish(sender, samples[next ^= 1]);
        return delivered.get();
    }
}
