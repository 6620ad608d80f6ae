package clasp.bench.router;

import clasp.api.Value;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;
import clasp.api.message.SetMessage;
import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterCore;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.hook.HookRegistry;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;
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
 * Cost of the write hooks on the SET path: one SET of a float from a local session through the router's core
 * (authoriser, hooks, stripe, store compare-and-set; no subscriber), with no hook registered, with one trivial
 * validator (lets everything through) or with one trivial transform (returns the value as it came). Each hook call
 * is timed against the hook budget on the router's clock, so a registered hook costs its own work plus two clock
 * reads; none registered should cost nothing measurable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WriteHooksBenchmark {
    @Param({"none", "validator", "transform"})
    public String hooks;

    private TimerClock clock;
    private LocalSessionImpl session;
    private final SetMessage set = new SetMessage("/bench/fader", Value.of(0.5));

    @Setup(Level.Trial)
    public void setup() throws Exception {
        clock = new TimerClock();
        HookRegistry registry = new HookRegistry();
        switch (hooks) {
            case "validator" -> registry.validators.add(1, 0, (WriteValidator) (p, action, address, value) -> null);
            case "transform" -> registry.transforms.add(1, 0, (ValueTransform) (p, address, value) -> value);
            default -> { }
        }
        RouterCore core = new RouterCore(RouterSettings.defaults(), new MemoryParamStore(), new OpenAuthoriser(), clock,
                Runnable::run, registry);
        session = new LocalSessionImpl(core, "bench", false, Runnable::run, LocalSessionImpl.LOG_FAILURE, () -> { });
        core.register(session);
    }

    @TearDown(Level.Trial)
    public void tearDown() { clock.stop(); }

    /** One SET; returns its revision. */
    @Benchmark
    public long set() throws Exception {
        return session.set(set);
    }
}
