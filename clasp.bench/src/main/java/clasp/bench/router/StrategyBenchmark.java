package clasp.bench.router;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.param.LockBook;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.param.ParamWriter;
import clasp.router.internal.param.Strategies;
import clasp.router.internal.param.Stripes;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Cost of the conflict strategies on the SET path: one session writes a rising float to one address through the
 * router's param writer (stripe, lock and strategy checks, compare-and-set into the in-memory store; no subscriber),
 * under {@code rules}: {@code none} (no rule configured: every param lww), {@code miss} (ten rules, none matching the
 * address: still lww) and {@code max} (ten rules, the last one matching with {@code max}, so each write is compared
 * and accepted).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StrategyBenchmark {
    private static final String ADDRESS = "/mix/fader/1";

    @Param({"none", "miss", "max"})
    public String rules;

    private TimerClock clock;
    private ParamWriter params;
    private Session writer;
    private double value;

    /** A session that only writes. */
    private static final class Writer extends Session {
        Writer() { super("bench-writer"); }
        @Override public boolean isOpen() { return true; }
        @Override public boolean echoes() { return false; }
        @Override public boolean needsFrame() { return false; }
        @Override public void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched) { }
        @Override public void reply(Message message) { }
    }

    @Setup(Level.Trial)
    public void setup() throws Exception {
        List<String> configured = new ArrayList<>();
        if (!rules.equals("none")) {
            for (int i = 0; i < 9; i++) configured.add("/desk/" + i + "/**=lock");
            configured.add(rules.equals("max") ? "/mix/**=max" : "/other/**=max");
        }
        clock = new TimerClock();
        LockBook locks = new LockBook();
        params = new ParamWriter(new MemoryParamStore(), new Stripes(), locks, () -> Integer.MAX_VALUE, (s, m, p) -> { }, clock);
        params.strategies(Strategies.parse(configured));
        writer = new Writer();
        locks.open(writer.id());
        params.set(writer, new SetMessage(ADDRESS, Value.of(0.0)));
    }

    @TearDown(Level.Trial)
    public void stop() {
        params.stop();
        clock.stop();
    }

    @Benchmark
    public long set() throws Exception {
        value += 1;
        return params.set(writer, new SetMessage(ADDRESS, Value.of(value)));
    }
}
