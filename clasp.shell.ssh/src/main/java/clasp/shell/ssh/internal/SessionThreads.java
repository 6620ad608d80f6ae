package clasp.shell.ssh.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the channels' commands, one per channel, named {@code clasp-ssh-<kind>-<n>}, so that stopping
 * the server can wait for every one of them to end. Thread-safe.
 */
final class SessionThreads {
    static final String PREFIX = "clasp-ssh-";

    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();

    /** Starts {@code work} on a new daemon thread {@code clasp-ssh-<kind>-<n>}. */
    Thread start(String kind, Runnable work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        }, PREFIX + kind + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        running.add(thread);
        thread.start();
        return thread;
    }

    /** Interrupts every thread still running and waits up to {@code timeout} for them all to end. */
    void stopAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : Set.copyOf(running)) thread.interrupt();
        for (Thread thread : Set.copyOf(running)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            thread.join(Math.max(1, left / 1_000_000));
        }
    }
}
