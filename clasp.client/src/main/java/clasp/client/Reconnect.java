package clasp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a client reconnects after losing an established connection: attempt n (from 0) waits
 * {@code min(maxDelay, initialDelay × multiplier^n)}, spread by ±{@code jitter} (a fraction) so that many clients
 * of one router do not come back in step. {@code maxAttempts} 0 tries for ever.
 */
public record Reconnect(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier, double jitter,
                        int maxAttempts) {
    public Reconnect {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be at least 1");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must not be negative");
    }

    /** 250 ms doubling up to 30 s, ±20 % jitter, for ever. */
    public static Reconnect defaults() {
        return new Reconnect(true, Duration.ofMillis(250), Duration.ofSeconds(30), 2, 0.2, 0);
    }

    /** A lost connection closes the client. */
    public static Reconnect off() {
        return new Reconnect(false, Duration.ZERO, Duration.ZERO, 1, 0, 0);
    }

    public static Reconnect backoff(Duration initialDelay, Duration maxDelay) {
        return new Reconnect(true, initialDelay, maxDelay, 2, 0.2, 0);
    }

    /** The delay before attempt {@code attempt} (from 0), without jitter. */
    public Duration baseDelay(int attempt) {
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt, 62));
        return Duration.ofNanos((long) Math.min(maxDelay.toNanos(), nanos));
    }

    /** The delay before attempt {@code attempt} with jitter drawn from {@code random} in [0, 1). */
    public Duration delay(int attempt, double random) {
        long base = baseDelay(attempt).toNanos();
        return Duration.ofNanos((long) (base * (1 - jitter + 2 * jitter * random)));
    }
}
