package clasp.store.mvstore.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Counts the writes the store accepted and the ones a commit covered, and when the oldest uncommitted one was made.
 * A writer only increments counters and, for the first write after a commit, wakes the commit thread: it never waits.
 */
final class WriteTracker {
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong oldestUncommitted = new AtomicLong();   // System.nanoTime() of the oldest, 0: none
    private final Object commitMonitor = new Object();
    private volatile long committed;
    private volatile boolean commitRequested;
    private volatile Thread committer;

    void committer(Thread thread) { committer = thread; }

    /** A write was accepted (after it is visible in memory and marked dirty). */
    void accepted() {
        accepted.incrementAndGet();
        if (oldestUncommitted.get() == 0 && oldestUncommitted.compareAndSet(0, nanoTimeNonZero())) wake();
    }

    long acceptedCount() { return accepted.get(); }

    long committedCount() { return committed; }

    /** The System.nanoTime() of the oldest write not yet taken by a commit, 0 when there is none. */
    long oldestUncommitted() { return oldestUncommitted.get(); }

    boolean commitRequested() { return commitRequested; }

    /** A commit starts: it covers every write accepted so far; later ones date the next. */
    long beginCommit() {
        // cleared before the count is read: a write counted later marks itself oldest again, a later request stays
        oldestUncommitted.set(0);
        commitRequested = false;
        return accepted.get();
    }

    /** A commit that covers the first {@code covered} writes is on disk. */
    void committed(long covered) {
        synchronized (commitMonitor) {
            if (covered > committed) committed = covered;
            commitMonitor.notifyAll();
        }
    }

    /** Asks for a commit now and waits until one covers every write accepted before this call. */
    void awaitCommit(long timeoutMillis) {
        long target = accepted.get();
        if (committed >= target) return;
        commitRequested = true;
        wake();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (commitMonitor) {
            while (committed < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new IllegalStateException("the store did not commit within " + timeoutMillis + " ms");
                try {
                    TimeUnit.NANOSECONDS.timedWait(commitMonitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for the store to commit", e);
                }
            }
        }
    }

    void wake() {
        Thread t = committer;
        if (t != null) LockSupport.unpark(t);
    }

    private static long nanoTimeNonZero() {
        long now = System.nanoTime();
        return now == 0 ? 1 : now;
    }
}
