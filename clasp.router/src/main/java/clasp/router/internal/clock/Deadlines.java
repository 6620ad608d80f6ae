package clasp.router.internal.clock;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * One lazily re-armed timeout per key on the {@link RouterClock} (param TTLs, signal expiry). {@link #arm} makes
 * sure a check is pending no later than the given deadline; when it fires, {@code check} says how many µs are left
 * (it re-arms for them) or that the key is done (≤ 0: expired and dealt with, or no deadline any more). A rewrite
 * that only pushes a deadline back needs no cancel: the pending check finds the later deadline and waits again.
 */
public final class Deadlines {
    private static final class Pending {
        final long deadlineMicros;
        volatile RouterClock.Timeout timeout;

        Pending(long deadlineMicros) { this.deadlineMicros = deadlineMicros; }
    }

    private final RouterClock clock;
    private final ToLongFunction<String> check;
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    /** {@code check} runs on the clock's thread: µs left for the key, or ≤ 0 when it needs no more checks. */
    public Deadlines(RouterClock clock, ToLongFunction<String> check) {
        this.clock = clock;
        this.check = check;
    }

    /** Makes sure {@code key} is checked at most {@code delayMicros} from now. */
    public void arm(String key, long delayMicros) {
        long deadline = clock.nowMicros() + Math.max(delayMicros, 0);
        pending.compute(key, (k, cur) -> {
            if (cur != null && cur.deadlineMicros <= deadline) return cur;
            if (cur != null) cur.timeout.cancel();
            Pending next = new Pending(deadline);
            next.timeout = clock.schedule(Math.max(delayMicros, 0), TimeUnit.MICROSECONDS, () -> fire(k, next));
            return next;
        });
    }

    private void fire(String key, Pending which) {
        if (!pending.remove(key, which)) return;   // replaced by an earlier deadline meanwhile
        long left = check.applyAsLong(key);
        if (left > 0) arm(key, left);
    }

    public int pendingCount() { return pending.size(); }

    public void clear() {
        pending.values().forEach(p -> { if (p.timeout != null) p.timeout.cancel(); });
        pending.clear();
    }
}
