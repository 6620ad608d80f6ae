package clasp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Dead-peer detection: when nothing arrived for {@code interval} the client sends a CLASP PING (the router answers
 * PONG); when nothing arrived for {@code timeout} the connection is declared dead, closed, and the client reconnects.
 * A dead peer is therefore detected at most {@code timeout + interval} after its last frame.
 */
public record Heartbeat(Duration interval, Duration timeout) {
    public Heartbeat {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (!interval.isZero() && (interval.isNegative() || timeout.compareTo(interval) <= 0)) {
            throw new IllegalArgumentException("need 0 < interval < timeout (or interval 0: off)");
        }
    }

    /** PING after 5 s of silence, dead after 15 s. */
    public static Heartbeat defaults() { return new Heartbeat(Duration.ofSeconds(5), Duration.ofSeconds(15)); }

    /** No heartbeat: only the transport notices a lost peer. */
    public static Heartbeat off() { return new Heartbeat(Duration.ZERO, Duration.ZERO); }

    public boolean enabled() { return !interval.isZero(); }
}
