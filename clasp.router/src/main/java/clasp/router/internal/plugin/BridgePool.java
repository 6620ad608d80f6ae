package clasp.router.internal.plugin;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's bridge threads: one pool of {@code bridgeThreads} threads, named {@code clasp-router-bridge-N},
 * that every bridge's {@link Strand} runs on, so a thousand bridges need no thousand threads. A strand busy in one
 * task for more than {@link #BLOCKED_MS} holds its thread: each {@link #check} lends the pool one more thread per
 * such strand while it stays so, at most {@code bridgeThreads} more, so that blocked bridges do not starve the
 * others. Idle threads end after 30 s; {@link #stop} ends them all.
 *
 * <p>{@link #check} (the router's timer, once a second), {@link #resize} and {@link #stop} hold this pool's
 * monitor, a leaf; the strand set is concurrent, added to by {@link #strand} on any thread.
 */
final class BridgePool {
    private static final Logger LOG = LoggerFactory.getLogger(BridgePool.class);
    /** How long one task may hold a pool thread before the pool lends a thread in its place. */
    static final long BLOCKED_MS = 1_000;
    private static final long BLOCKED_NANOS = TimeUnit.MILLISECONDS.toNanos(BLOCKED_MS);

    private final ThreadPoolExecutor threads;
    private final Set<Strand> strands = ConcurrentHashMap.newKeySet();
    private int size;   // the configured size; guarded by this
    private int lent;   // threads lent for blocked strands; guarded by this

    BridgePool(int size) {
        this.size = Math.max(1, size);
        threads = new ThreadPoolExecutor(this.size, this.size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                PluginThreads.named("clasp-router-bridge"));
        threads.allowCoreThreadTimeOut(true);
    }

    /** A new strand on this pool; it leaves the pool's watch once it is shut and has nothing left to run. */
    Strand strand(String name) {
        Strand s = new Strand(name, threads);
        strands.add(s);
        return s;
    }

    /** Applies a changed {@code bridgeThreads}. */
    synchronized void resize(int configured) {
        size = Math.max(1, configured);
        apply();
    }

    /** Lends one thread per strand blocked past {@link #BLOCKED_MS} (at most the configured size), takes back the rest. */
    synchronized void check(long nanoNow) {
        int blocked = 0;
        for (Strand s : strands) {
            long since = s.busySince();
            if (since != 0 && nanoNow - since > BLOCKED_NANOS) blocked++;
            else if (s.finished()) strands.remove(s);
        }
        int lend = Math.min(blocked, size);
        if (lend != lent) {
            LOG.debug("clasp.router: {} bridge strands blocked, {} threads lent", blocked, lend);
            lent = lend;
            apply();
        }
    }

    private void apply() {
        int n = size + lent;
        if (n > threads.getMaximumPoolSize()) {   // grow max first, shrink core first: core never exceeds max
            threads.setMaximumPoolSize(n);
            threads.setCorePoolSize(n);
        } else {
            threads.setCorePoolSize(n);
            threads.setMaximumPoolSize(n);
        }
    }

    /** The threads the pool may run now: the configured size plus those lent. */
    synchronized int threadLimit() { return size + lent; }

    /** Ends every thread: interrupts what still runs and waits up to 5 s. */
    void stop() {
        threads.shutdownNow();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.error("clasp.router: a bridge thread did not end within 5 s of the router stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        strands.clear();
    }
}
