package clasp.router.internal.clock;

import java.time.Instant;

/** Wall-clock time in microseconds since the Unix epoch, as CLASP timestamps are. */
public final class Micros {
    private Micros() {}

    public static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
