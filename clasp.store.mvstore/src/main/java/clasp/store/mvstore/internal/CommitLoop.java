package clasp.store.mvstore.internal;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The store's own thread: commits when the oldest uncommitted write is about to be older than the commit interval
 * (less the longest recent commit and a margin, so that the commit completes within it), or at once when a
 * default-mode {@code sync()} asks (durable mode syncs the write-ahead log instead); sleeps while nothing is
 * uncommitted.
 */
final class CommitLoop implements Runnable {
    static final String THREAD_NAME = "clasp-store-commit";
    private static final int RECENT = 16;
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final MvParamStore store;
    private final WriteTracker tracker;
    private final long intervalNanos;
    private final long marginNanos;
    private final long[] recentCommitNanos = new long[RECENT];
    private int recentIndex;
    private volatile boolean running;
    private Thread thread;

    CommitLoop(MvParamStore store, WriteTracker tracker, long intervalMillis) {
        this.store = store;
        this.tracker = tracker;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.marginNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(2), intervalNanos / 20);
        // until commits have been timed, assume a third of the interval each: the first ones run on a cold JIT
        Arrays.fill(recentCommitNanos, intervalNanos / 3);
    }

    synchronized void start() {
        running = true;
        thread = new Thread(this, THREAD_NAME);
        thread.setDaemon(true);
        tracker.committer(thread);
        thread.start();
    }

    /** Stops the thread and waits for it (it finishes a commit in progress). */
    void stop() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t == null) return;
        LockSupport.unpark(t);
        try {
            t.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) MvParamStore.LOG.warn("clasp.store.mvstore: {} did not stop within {} ms", THREAD_NAME, STOP_WAIT_MILLIS);
        tracker.committer(null);
    }

    synchronized Thread thread() { return thread; }

    /** A commit took {@code micros}; the longest of the recent ones brings the next commits forward. */
    void took(long micros) {
        recentCommitNanos[recentIndex++ % RECENT] = TimeUnit.MICROSECONDS.toNanos(micros);
    }

    @Override
    public void run() {
        while (running) {
            long oldest = tracker.oldestUncommitted();
            if (oldest == 0 && !tracker.commitRequested()) {
                LockSupport.park(this);
                continue;
            }
            if (!tracker.commitRequested()) {
                // twice the longest recent commit: a commit can take longer than any of the last ones did
                long wait = oldest + intervalNanos - 2 * longestRecent() - marginNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
            }
            try {
                store.commit();
            } catch (RuntimeException e) {
                // logged by the store; retried after the interval rather than in a tight loop
                LockSupport.parkNanos(this, intervalNanos);
            }
        }
    }

    private long longestRecent() {
        long max = 0;
        for (long n : recentCommitNanos) max = Math.max(max, n);
        return max;
    }
}
