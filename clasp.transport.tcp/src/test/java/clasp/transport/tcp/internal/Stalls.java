package clasp.transport.tcp.internal;

import static java.util.concurrent.TimeUnit.SECONDS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for socket tests: a wait that never ends fails with every thread's stack, so a stall explains itself. */
final class Stalls {
    private Stalls() {
    }

    /** Waits (generously) until {@code done}; on a stall fails with {@code what} and a thread dump. */
    static void await(String what, int atMostSeconds, Callable<Boolean> done) {
        try {
            org.awaitility.Awaitility.await(what).atMost(atMostSeconds, SECONDS)
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).until(done);
        } catch (ConditionTimeoutException stalled) {
            throw new AssertionError(what + ": stalled\n" + threadDump(), stalled);
        }
    }

    static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState()).append('\n');
            for (StackTraceElement frame : info.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }
}
