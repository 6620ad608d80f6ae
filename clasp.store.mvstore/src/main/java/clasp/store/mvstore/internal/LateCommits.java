package clasp.store.mvstore.internal;

import java.util.concurrent.TimeUnit;

/**
 * Commits that reached the disk later than the commit interval after the oldest write they covered: a crash just
 * before one would have lost more than the interval. Counted, and logged at WARN at most once every 10 s.
 */
final class LateCommits {
    private static final long REPORT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final long intervalNanos;
    private long count;
    private long unreported;
    private long worstNanos;
    private long lastReport = System.nanoTime() - REPORT_NANOS;

    LateCommits(long intervalMillis) { this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis); }

    /** A commit is on disk {@code ageNanos} after the oldest write it covers; called by the commit thread only. */
    void check(long ageNanos) {
        if (ageNanos <= intervalNanos) return;
        count++;
        unreported++;
        worstNanos = Math.max(worstNanos, ageNanos);
        long now = System.nanoTime();
        if (now - lastReport < REPORT_NANOS) return;
        MvParamStore.LOG.warn("clasp.store.mvstore: {} commit(s) reached the disk later than {} ms after their oldest write "
                        + "(the latest {} ms, the worst {} ms): a crash then loses more than the interval; the machine or "
                        + "its disk is too busy for this interval", unreported, TimeUnit.NANOSECONDS.toMillis(intervalNanos),
                TimeUnit.NANOSECONDS.toMillis(ageNanos), TimeUnit.NANOSECONDS.toMillis(worstNanos));
        unreported = 0;
        lastReport = now;
    }

    /** How many commits were late since the store opened. */
    long count() { return count; }
}
