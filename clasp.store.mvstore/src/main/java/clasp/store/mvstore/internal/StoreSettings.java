package clasp.store.mvstore.internal;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * What a store is opened with: the file, how often it commits, whether {@code sync()} waits for a commit, and the
 * journal's bounds (a journal that is off keeps nothing).
 *
 * @param clockMicros the router clock (µs since the epoch) the journal's age bound is measured against
 */
public record StoreSettings(Path file, long commitIntervalMillis, boolean durable, boolean journal,
                            long journalMaxEntries, long journalMaxBytes, long journalMaxAgeSeconds,
                            LongSupplier clockMicros) {
    /** The file's name in its folder. */
    public static final String FILE_NAME = "clasp.mv.db";

    /** How long {@code sync()} waits for a commit before it fails. */
    public static final long SYNC_TIMEOUT_MILLIS = 5000;

    public StoreSettings {
        if (commitIntervalMillis < 1) throw new IllegalArgumentException("commitIntervalMillis must be at least 1: " + commitIntervalMillis);
        if (journalMaxEntries < 1) throw new IllegalArgumentException("journalMaxEntries must be at least 1: " + journalMaxEntries);
        if (journalMaxBytes < 1) throw new IllegalArgumentException("journalMaxBytes must be at least 1: " + journalMaxBytes);
        if (journalMaxAgeSeconds < 1) throw new IllegalArgumentException("journalMaxAgeSeconds must be at least 1: " + journalMaxAgeSeconds);
    }

    /** The defaults of the configuration for {@code file}, on the system clock. */
    public static StoreSettings defaults(Path file) {
        return new StoreSettings(file, 100, false, false, 100_000, 64L << 20, 3600, StoreSettings::systemMicros);
    }

    public StoreSettings withCommitInterval(long millis) {
        return new StoreSettings(file, millis, durable, journal, journalMaxEntries, journalMaxBytes, journalMaxAgeSeconds, clockMicros);
    }

    public StoreSettings withDurable(boolean on) {
        return new StoreSettings(file, commitIntervalMillis, on, journal, journalMaxEntries, journalMaxBytes, journalMaxAgeSeconds, clockMicros);
    }

    public StoreSettings withJournal(boolean on) {
        return withJournal(on, journalMaxEntries, journalMaxBytes, journalMaxAgeSeconds);
    }

    public StoreSettings withJournal(boolean on, long maxEntries, long maxBytes, long maxAgeSeconds) {
        return new StoreSettings(file, commitIntervalMillis, durable, on, maxEntries, maxBytes, maxAgeSeconds, clockMicros);
    }

    public StoreSettings withClock(LongSupplier micros) {
        return new StoreSettings(file, commitIntervalMillis, durable, journal, journalMaxEntries, journalMaxBytes, journalMaxAgeSeconds, micros);
    }

    static long systemMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
    }
}
