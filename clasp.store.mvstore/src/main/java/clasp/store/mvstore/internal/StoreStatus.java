package clasp.store.mvstore.internal;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A store's state for an admin.
 *
 * @param journal     the journal's describe(), or null when it is off
 * @param fileBytes   the file's size, -1 when it cannot be read
 * @param lastCommit  when the last commit completed, or null before the first
 * @param lastFailure the last commit's failure, or null when it succeeded
 */
public record StoreStatus(String store, String journal, Path file, long fileBytes, Instant lastCommit,
                          long lastCommitMicros, long commits, long journalEntries, long journalDropped,
                          String lastFailure) {
}
