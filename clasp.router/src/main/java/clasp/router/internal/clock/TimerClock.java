package clasp.router.internal.clock;

import clasp.router.internal.plugin.PluginThreads;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link RouterClock}: one timer thread that sleeps until the next deadline (a delay queue, no
 * tick), with cancelled tasks removed at once so that re-armed TTLs do not pile up.
 */
public final class TimerClock implements RouterClock {
    private static final Logger LOG = LoggerFactory.getLogger(TimerClock.class);
    private static final Timeout NEVER = () -> { };

    private final ScheduledThreadPoolExecutor timer;

    public TimerClock() {
        timer = new ScheduledThreadPoolExecutor(1, PluginThreads.named("clasp-router-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override public long nowMicros() { return Micros.now(); }

    @Override
    public Timeout schedule(long delay, TimeUnit unit, Runnable task) {
        try {
            ScheduledFuture<?> f = timer.schedule(() -> run(task), delay, unit);
            return () -> f.cancel(false);
        } catch (RejectedExecutionException stopped) {
            return NEVER;
        }
    }

    /** A failing task must not kill the timer thread or silence later tasks. */
    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: a timed task failed", e);
        }
    }

    /** The executor under the clock, for the plugin host's periodic bridge checks. */
    public ScheduledThreadPoolExecutor executor() { return timer; }

    @Override
    public void stop() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
