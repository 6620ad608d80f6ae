package clasp.security.internal.scope;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Counts writes per (principal name, address) in one-second windows for the {@code rate} constraint. No lock on the
 * path: one map lookup and a compare-and-set on the entry's packed (window, count). Memory is bounded: when the
 * table is full, entries of past windows go first (they carry nothing: the next write starts a new window), then,
 * if every entry is current, an eighth of them.
 */
public final class WriteRates {
    /** The default bound on tracked (principal, address) pairs. */
    public static final int DEFAULT_CAPACITY = 65_536;

    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final ConcurrentHashMap<Key, AtomicLong> windows = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final LongSupplier millis;
    private final int capacity;

    private record Key(String principal, String address) {}

    /** A limiter on the monotonic clock with {@link #DEFAULT_CAPACITY}. */
    public WriteRates() { this(monotonicMillis(), DEFAULT_CAPACITY); }

    /**
     * @param millis   the clock, in milliseconds from any non-negative origin (windows are its whole seconds)
     * @param capacity the most (principal, address) pairs tracked at once (one more per thread racing a sweep)
     */
    public WriteRates(LongSupplier millis, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.millis = millis;
        this.capacity = capacity;
    }

    /**
     * Counts one write if it fits.
     *
     * @param limit the writes allowed per second, at least 1
     * @return true when the write is within the limit (and counted), false when this second's limit is used up
     */
    public boolean tryWrite(String principal, String address, int limit) {
        long second = Math.floorDiv(millis.getAsLong(), 1000L);
        long cap = Math.min(limit, COUNT_MASK);
        Key key = new Key(principal, address);
        AtomicLong window = windows.get(key);
        if (window == null) {
            if (windows.size() >= capacity) makeRoom(second);
            window = windows.computeIfAbsent(key, k -> new AtomicLong(second << COUNT_BITS));
        }
        while (true) {
            long state = window.get();
            long count = (state >>> COUNT_BITS) == second ? state & COUNT_MASK : 0;
            if (count >= cap) return false;
            if (window.compareAndSet(state, (second << COUNT_BITS) | (count + 1))) return true;
        }
    }

    private static LongSupplier monotonicMillis() {
        long origin = System.nanoTime();
        return () -> (System.nanoTime() - origin) / 1_000_000;
    }

    /** Pairs tracked now. */
    public int size() { return windows.size(); }

    private void makeRoom(long second) {
        if (!sweeping.compareAndSet(false, true)) return;
        try {
            windows.values().removeIf(w -> (w.get() >>> COUNT_BITS) < second);
            if (windows.size() < capacity) return;
            int excess = windows.size() - (capacity - Math.max(1, capacity / 8));
            Iterator<Map.Entry<Key, AtomicLong>> it = windows.entrySet().iterator();
            while (excess-- > 0 && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }
}
