package clasp.client.internal;

import java.time.Instant;

/** Microseconds since the epoch, read from the monotonic clock anchored once to the wall clock (no jumps). */
public final class LocalClock {
    private static final long ANCHOR_NANOS = System.nanoTime();
    private static final long ANCHOR_MICROS;

    static {
        Instant now = Instant.now();
        ANCHOR_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private LocalClock() { }

    public static long micros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
    }
}
