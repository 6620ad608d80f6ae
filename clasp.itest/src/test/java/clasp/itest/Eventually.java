package clasp.itest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Polling waits for in-framework tests, with failures that explain themselves: on timeout the AssertionError says
 * what was awaited and the last thing observed. It needs no library (Awaitility and AssertJ are not bundles of the
 * runtime) and carries no cause, as Pax Exam reports only an exception's root cause.
 */
final class Eventually {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private Eventually() { }

    /** Polls {@code observe} until {@code ok} holds and returns that observation; an exception counts as not yet. */
    static <T> T until(String what, Duration within, Callable<T> observe, Predicate<? super T> ok) {
        long deadline = System.nanoTime() + within.toNanos();
        String seen = "nothing";
        while (true) {
            try {
                T value = observe.call();
                if (ok.test(value)) return value;
                seen = String.valueOf(value);
            } catch (Exception e) {
                seen = "(cannot observe: " + e + ")";
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not so within " + within.toMillis() + " ms; last seen: " + seen);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /** As {@link #until(String, Duration, Callable, Predicate)}, but a timeout's error carries every thread's stack. */
    static <T> T watched(String what, Duration within, Callable<T> observe, Predicate<? super T> ok) {
        try {
            return until(what, within, observe, ok);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + threadDump());
        }
    }

    /** Every thread of this JVM with its state and whole stack, for a test that stalled. */
    static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) dump.append("    at ").append(frame).append('\n');
        }
        return dump.toString();
    }

    /** Polls {@code condition} until it holds. */
    static void until(String what, Duration within, Callable<Boolean> condition) {
        until(what, within, condition, Boolean.TRUE::equals);
    }

    /** Waits until {@code condition} is true; an exception from it counts as false. */
    static void await(Duration timeout, String what, Callable<Boolean> condition) {
        until(what, timeout, condition);
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
