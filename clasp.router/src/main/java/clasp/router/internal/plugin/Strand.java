package clasp.router.internal.plugin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge's lane on the shared bridge pool: its tasks run one at a time, in order, never concurrently, each on
 * whichever pool thread is free, and one task's effects are visible to the next. A run hands its thread back after
 * {@link #BATCH} tasks so that the other strands get a turn.
 *
 * <p>State: the queue takes tasks from any thread and is polled only by the one run in progress ({@code scheduled}
 * says whether a run is queued or running); {@code busySince} is written by the run and read by the watchdog;
 * {@code runner} and {@code shut} are guarded by this strand's monitor, a leaf: nothing is called under it but
 * {@link Thread#interrupt}.
 */
final class Strand implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Strand.class);
    static final int BATCH = 64;

    private final String name;
    private final Executor pool;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Set<ClockTask> timed = ConcurrentHashMap.newKeySet();
    private volatile long busySince;   // System.nanoTime() when the running task began; 0 between tasks
    private Thread runner;             // the pool thread inside one of this strand's tasks; guarded by this
    private boolean shut;              // guarded by this

    Strand(String name, Executor pool) {
        this.name = name;
        this.pool = pool;
    }

    /** Queues {@code task} behind the strand's others; refused once the strand is shut. */
    @Override
    public void execute(Runnable task) { execute(task, false); }

    private void execute(Runnable task, boolean last) {
        synchronized (this) {
            if (shut) throw new RejectedExecutionException("strand " + name + " is shut");
            queue.add(task);
            shut = last;
        }
        if (scheduled.compareAndSet(false, true)) submit();
    }

    private void submit() {
        try {
            pool.execute(this::run);
        } catch (RejectedExecutionException stopped) {   // the router is stopping: nothing of this strand runs again
            queue.clear();
            scheduled.set(false);
        }
    }

    private void run() {
        Thread me = Thread.currentThread();
        Runnable task;
        int n = 0;
        while ((task = queue.poll()) != null) {
            enter(me);
            try {
                task.run();
            } catch (Throwable e) {   // tasks report their own failures; this only keeps the strand alive
                LOG.warn("clasp.router: a task on strand {} threw", name, e);
            } finally {
                leave();
            }
            if (++n == BATCH) break;
        }
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) submit();
    }

    private void enter(Thread me) {
        synchronized (this) {
            runner = me;
        }
        busySince = System.nanoTime();
    }

    private void leave() {
        busySince = 0;
        synchronized (this) {
            runner = null;
        }
        Thread.interrupted();   // an interrupt meant for this strand's task must not reach the next strand's
    }

    /** Since when the running task runs (System.nanoTime()), or 0 when none runs. */
    long busySince() { return busySince; }

    /** Tracks a timed task so that {@link #shutdown} cancels it; refused once the strand is shut. */
    void track(ClockTask task) {
        synchronized (this) {
            if (shut) throw new RejectedExecutionException("strand " + name + " is shut");
            timed.add(task);
        }
    }

    void forget(ClockTask task) { timed.remove(task); }

    /** Cancels every timed task and drops every queued one; the strand still takes new tasks. */
    void dropPending() {
        cancelTimed();
        queue.clear();
    }

    /** Takes no more tasks and cancels the timed ones; tasks already queued still run, in order. */
    void shutdown() {
        synchronized (this) {
            shut = true;
        }
        cancelTimed();
    }

    /** Queues {@code last} and shuts the strand in one step, so that no task can be queued behind it. */
    void shutdownAfter(Runnable last) {
        execute(last, true);
        cancelTimed();
    }

    /** Shuts the strand, drops its queued tasks and interrupts the one running, if any. */
    void shutdownNow() {
        shutdown();
        queue.clear();
        synchronized (this) {
            if (runner != null) runner.interrupt();
        }
    }

    /** Shut, with nothing queued or running: no pool thread will run anything of it again. */
    boolean finished() {
        synchronized (this) {
            return shut && runner == null && queue.isEmpty();
        }
    }

    private void cancelTimed() {
        for (ClockTask t : timed) t.cancel(false);
        timed.clear();
    }

    @Override public String toString() { return "strand " + name; }
}
