package clasp.itest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Polling waits for in-framework tests, where Awaitility (and AssertJ) are not bundles of the runtime: a
 * condition that must become true within a timeout, or stay true for a while.
 */
final class Eventually {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private Eventually() { }

    /** Waits until {@code condition} is true; an exception from it counts as false. */
    static void await(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) return;
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + timeout + (last == null ? "" : "; last failure: " + last));
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** Checks that {@code condition} is true now and stays true for {@code period}. */
    static void holds(Duration period, String what, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        do {
            if (!Boolean.TRUE.equals(condition.call())) throw new AssertionError(what + ": stopped being true");
            LockSupport.parkNanos(POLL_NANOS);
        } while (System.nanoTime() - end < 0);
    }
}
