package clasp.router.internal.clock;

import java.util.concurrent.TimeUnit;

/**
 * The router's one clock: the time its records carry and the single timer behind every deadline — hello timeouts,
 * gesture flushes, param TTLs, the idle and stall reaper, signal expiry, lock leases, scheduled bundles, stream flushes
 * and timeline playback. Nothing in the router polls or keeps a thread per task; it schedules here.
 */
public interface RouterClock {
    /** A scheduled task that has not run yet can be cancelled. */
    interface Timeout {
        /** Stops the task if it has not started; harmless after it ran. */
        void cancel();
    }

    /** Wall-clock time in µs since the epoch, as CLASP timestamps are. */
    long nowMicros();

    /** Runs {@code task} once, {@code delay} from now, on the clock's thread; tasks must be short and not block. */
    Timeout schedule(long delay, TimeUnit unit, Runnable task);

    /** Stops the timer: pending tasks never run, later schedules are ignored. */
    void stop();
}
