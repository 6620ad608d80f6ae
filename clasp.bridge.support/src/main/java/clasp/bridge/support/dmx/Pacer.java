package clasp.bridge.support.dmx;

/**
 * When a sender sends one universe (bridges.md §4.5, §5.4): a change goes out at once unless the universe went out
 * less than the minimum interval ago (44 Hz: about 22.7 ms), in which case it goes out when that interval has passed,
 * carrying every change made meanwhile; an unchanged universe is sent again every keep-alive interval so receivers do
 * not time it out. Times are nanoseconds of one monotonic clock. Not thread-safe.
 */
public final class Pacer {
    /** 1/44 s: the most a universe is sent per second, by the Art-Net and E1.31 conventions. */
    public static final long MIN_INTERVAL_NANOS = 1_000_000_000L / 44;
    /** The keep-alive both conventions recommend. */
    public static final long KEEP_ALIVE_NANOS = 1_000_000_000L;

    private final long minIntervalNanos;
    private final long keepAliveNanos;
    private boolean dirty;
    private boolean everSent;
    private long lastSent;

    public Pacer(long minIntervalNanos, long keepAliveNanos) {
        if (minIntervalNanos < 0 || keepAliveNanos <= 0) throw new IllegalArgumentException("intervals must be positive");
        this.minIntervalNanos = minIntervalNanos;
        this.keepAliveNanos = keepAliveNanos;
    }

    /** The universe changed: it should go out as soon as the pace allows. */
    public void changed() { dirty = true; }

    public boolean dirty() { return dirty; }

    /** Nanoseconds from {@code now} until the universe should be sent; 0 or less means now. */
    public long delay(long now) {
        if (!everSent) return 0;
        long since = now - lastSent;
        return dirty ? minIntervalNanos - since : keepAliveNanos - since;
    }

    /** True when the universe should be sent at {@code now}. */
    public boolean due(long now) { return delay(now) <= 0; }

    /** The universe was sent at {@code now}. */
    public void sent(long now) {
        dirty = false;
        everSent = true;
        lastSent = now;
    }
}
