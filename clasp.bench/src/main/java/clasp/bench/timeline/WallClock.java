package clasp.bench.timeline;

import java.time.Instant;

/** Wall-clock µs since the epoch, as the router's clock reads them (CLASP server time). */
final class WallClock {
    private WallClock() { }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
