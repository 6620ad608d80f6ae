package clasp.router.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the tasks of one concurrency round and fails with a thread dump if they deadlock or stall. The stall limit is
 * generous: it only tells a hang from slowness, it measures nothing.
 */
public final class Watchdog implements AutoCloseable {
    private static final long STALL_SECONDS = 60;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-round");
        t.setDaemon(true);
        return t;
    });

    /** Runs {@code tasks} at once and waits for all of them. */
    public void round(List<Callable<?>> tasks) throws Exception {
        List<Future<?>> running = tasks.stream().<Future<?>>map(threads::submit).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
        for (Future<?> f : running) {
            while (true) {
                try {
                    f.get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
                    if (deadlocked != null) throw new AssertionError("deadlock:\n" + dump());
                    if (System.nanoTime() > deadline) throw new AssertionError("stalled:\n" + dump());
                }
            }
        }
    }

    /** Every thread's stack, with the locks it holds and waits for. */
    public static String dump() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        for (ThreadInfo t : mx.dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) out.append(" waiting for ").append(t.getLockName())
                    .append(" held by ").append(t.getLockOwnerName());
            out.append('\n');
            for (StackTraceElement e : t.getStackTrace()) out.append("    at ").append(e).append('\n');
        }
        return out.toString();
    }

    @Override public void close() { threads.shutdownNow(); }
}
