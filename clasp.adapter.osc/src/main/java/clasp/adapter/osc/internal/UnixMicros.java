package clasp.adapter.osc.internal;

import java.time.Instant;

/** This machine's wall clock in µs since the Unix epoch. */
final class UnixMicros {
    private UnixMicros() {
    }

    static long now() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
