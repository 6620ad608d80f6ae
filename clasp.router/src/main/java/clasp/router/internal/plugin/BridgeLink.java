package clasp.router.internal.plugin;

import clasp.router.internal.RouterCore;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.LocalSessionImpl;
import clasp.api.auth.Principal;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.router.BridgeInfo;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's side of one registered {@link Bridge}: its strand, its local session, its state. Every call into
 * the bridge ({@code open}, listener deliveries, its tasks, {@code close}) runs on the bridge's {@link Strand} on the
 * router's shared {@link BridgePool}: one at a time, in order, never concurrently, though not always on the same
 * thread. Each runs under a timeout, so a bridge that throws or blocks only fails itself: {@link #check} reports a
 * call blocked past {@link Bridge#CALLBACK_TIMEOUT_MS}, while the pool lends a thread in its place.
 * Scheduled tasks wait on the router's clock ({@link ClockTask}), then run on the strand.
 */
final class BridgeLink implements BridgeContext {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeLink.class);
    private static final long CALLBACK_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(Bridge.CALLBACK_TIMEOUT_MS);

    final String id;
    final String protocol;
    final String bundle;
    private final Bridge bridge;
    private final Strand strand;
    private final RouterClock clock;
    private final LocalSessionImpl session;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closeCalled = new AtomicBoolean();
    private volatile PluginState state = PluginState.OPENING;
    private volatile String detail = "opening";
    private volatile long sinceMicros = Micros.now();
    private volatile PluginState reported;   // the bridge's own last report, restored when a block ends
    private volatile boolean blocked;
    private volatile boolean openTimedOut;
    private volatile long blockedSince;
    private volatile Future<?> opening;

    BridgeLink(RouterCore core, RouterClock clock, BridgePool pool, String id, String protocol, String bundle,
               Set<String> scopes, Bridge bridge) {
        this.id = id;
        this.protocol = protocol;
        this.bundle = bundle;
        this.bridge = bridge;
        this.clock = clock;
        this.strand = pool.strand(id);
        this.session = new LocalSessionImpl(core, "bridge:" + id, false, strand,
                (s, e) -> failed("a listener threw " + e), () -> { });
        session.principal(new Principal("bridge:" + id, scopes));   // the authoriser decides with what the configuration grants
        core.register(session);
    }

    /** Calls {@link Bridge#open} on the bridge's strand; the watchdog fails it if open outlasts its timeout. */
    void open(ScheduledExecutorService watchdog) {
        FutureTask<Void> open = new FutureTask<>(() -> {
            long started = System.nanoTime();
            try {
                bridge.open(this);
                if (state == PluginState.OPENING) {
                    changeState(PluginState.ONLINE, "open");
                } else if (openTimedOut) {   // late, but open: it carries traffic now
                    changeState(reported != null ? reported : PluginState.ONLINE, "open returned after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                }
            } catch (Throwable e) {
                failed("open failed: " + e);
                LOG.warn("clasp.router: bridge {} failed to open", id, e);
                closeAfterFailedOpen();
            }
        }, null);
        opening = open;
        strand.execute(open);
        watchdog.schedule(() -> {
            if (!opening.isDone()) {
                openTimedOut = true;
                failed("open did not return within " + Bridge.OPEN_TIMEOUT_MS + " ms");
            }
        }, Bridge.OPEN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * As {@link Bridge#open} promises, a bridge whose open threw is closed at once: its session (subscriptions made
     * before the throw) and the tasks it queued go, then {@link Bridge#close} runs, here on the bridge's strand. The
     * link stays, FAILED, until the service goes.
     */
    private void closeAfterFailedOpen() {
        session.close();
        strand.dropPending();
        closeBridge();
    }

    /**
     * Reports a call into the bridge (one listener call, or one task) that has run past its timeout, and its end;
     * called every second by the router's timer.
     */
    void check(long nanoNow) {
        if (opening == null || !opening.isDone()) return;   // open has its own timeout
        long listener = session.listenerCallSince();
        long since = listener >= 0 ? listener : strand.busySince();
        boolean stuck = since != 0 && nanoNow - since > CALLBACK_TIMEOUT_NANOS;
        if (stuck && !blocked) {
            blocked = true;
            blockedSince = since;
            changeState(PluginState.FAILED, "blocked in a callback for more than " + Bridge.CALLBACK_TIMEOUT_MS
                    + " ms; messages for it queue, then drop");
        } else if (!stuck && blocked && since != blockedSince) {
            blocked = false;
            changeState(reported != null ? reported : PluginState.ONLINE, "recovered after a callback blocked for about "
                    + TimeUnit.NANOSECONDS.toMillis(nanoNow - blockedSince) + " ms");
        }
    }

    private void failed(String why) { changeState(PluginState.FAILED, why); }

    private void changeState(PluginState next, String why) {
        if (closing.get()) return;
        boolean changed = next != state;
        detail = why;
        if (changed) {
            state = next;
            sinceMicros = Micros.now();
            LOG.info("clasp.router: bridge {} is {}: {}", id, next, why);
        }
    }

    /**
     * Detaches the bridge (its session closes, its scheduled tasks are cancelled), then calls {@link Bridge#close}
     * on its strand behind the tasks already queued, waiting a bounded time; a stuck strand has its task interrupted
     * and the rest of its queue dropped, and close runs on {@code pool} instead.
     */
    void close(ExecutorService pool) {
        if (!closing.compareAndSet(false, true)) return;
        session.close();
        FutureTask<Void> last = new FutureTask<>(this::closeBridge, null);
        strand.shutdownAfter(last);
        if (await(last, Bridge.CLOSE_TIMEOUT_MS)) return;
        strand.shutdownNow();   // interrupts whatever is stuck
        if (!closeCalled.get()) {
            Future<?> f = pool.submit(this::closeBridge);
            try {
                f.get(Bridge.CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                f.cancel(true);
            }
        }
        if (strand.busySince() != 0) {
            LOG.error("clasp.router: bridge {} did not close in time; its call was interrupted, a bridge thread may "
                    + "stay blocked in it", id);
        }
    }

    private void closeBridge() {
        if (!closeCalled.compareAndSet(false, true)) return;
        try {
            bridge.close();
        } catch (Throwable e) {
            LOG.warn("clasp.router: bridge {} threw in close", id, e);
        }
    }

    private static boolean await(Future<?> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    BridgeInfo info() {
        return new BridgeInfo(id, protocol, bundle, state, detail, sinceMicros, session.calls.sum(),
                session.delivered.sum(), session.dropped.sum());
    }

    // ---- BridgeContext, for the bridge

    @Override public String id() { return id; }

    @Override public LocalSession session() { return session; }

    @Override public void status(PluginState s, String why) {
        reported = s;
        if (!blocked) changeState(s, why == null ? "" : why);
    }

    @Override public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return ClockTask.once(guarded(task), strand, clock, delay, unit);
    }

    @Override public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return ClockTask.atFixedRate(guarded(task), strand, clock, initialDelay, period, unit);
    }

    @Override public void execute(Runnable task) { strand.execute(guarded(task)); }

    /** A failing task becomes a status and a log line; periodic runs go on. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                failed("a task threw " + e);
                LOG.warn("clasp.router: a task of bridge {} threw", id, e);
            }
        };
    }
}
