package clasp.discovery.internal;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address ({@code perSecond} tokens a second, as many at most), remembering the
 * {@code maxSources} most recently seen sources. Used by one thread.
 */
final class SourceRateLimiter {
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final int perSecond;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, long[]> buckets;

    SourceRateLimiter(int perSecond, int maxSources, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Whether {@code source} may have one more reply now; takes its token if so. */
    boolean tryAcquire(InetAddress source) {
        long now = nanoClock.getAsLong();
        // [0] = tokens scaled by SECOND_NANOS, [1] = when they were last refilled
        long[] bucket = buckets.computeIfAbsent(source, s -> new long[] {perSecond * SECOND_NANOS, now});
        long capacity = perSecond * SECOND_NANOS;
        bucket[0] = Math.min(capacity, bucket[0] + Math.max(0, now - bucket[1]) * perSecond);
        bucket[1] = now;
        if (bucket[0] < SECOND_NANOS) return false;
        bucket[0] -= SECOND_NANOS;
        return true;
    }
}
