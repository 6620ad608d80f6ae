package clasp.bridge.dmx.internal;

/**
 * When the writer sends its next frame: every period on a monotonic clock (nanoseconds), keeping the phase when a
 * tick runs a little late, and skipping the ticks it missed when it runs more than a period late rather than sending
 * them in a burst. Writer thread only.
 */
final class FixedRate {
    private final long periodNanos;
    private long next;

    FixedRate(long periodNanos, long now) {
        if (periodNanos <= 0) throw new IllegalArgumentException("period must be positive");
        this.periodNanos = periodNanos;
        this.next = now;
    }

    /** Nanoseconds from {@code now} to the next tick; 0 or less: it is due. */
    long waitNanos(long now) {
        return next - now;
    }

    /** The due tick ran, starting at {@code now}. */
    void ticked(long now) {
        next += periodNanos;
        if (next <= now) next = now + periodNanos;   // more than a period late: the missed ticks are skipped
    }
}
