package clasp.api.store;

import java.util.Iterator;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A bounded record of the writes the router accepted, which REPLAY reads. Register an implementation as an OSGi
 * service; the router uses the highest-ranked one, and answers REPLAY with ERROR 501 while there is none.
 * Thread-safe.
 *
 * @since 1.2
 */
@ConsumerType
public interface Journal {
    /**
     * Records an accepted write. Called by the router on the writing thread, in the order the writes to one address
     * were applied; must neither block nor throw (an entry that cannot be kept is dropped and counted).
     */
    void append(JournalEntry entry);

    /**
     * The kept entries with {@code from <= timestamp <= to} (µs), oldest first: every entry appended before this call
     * and still within the journal's bounds, and possibly later ones. Read lazily, so a long reply does not hold the
     * whole range in memory.
     *
     * @throws RuntimeException when the journal cannot be read (the requester gets ERROR 500)
     */
    Iterator<JournalEntry> read(long from, long to);

    /** What the journal is and holds, for an admin (for example "412 entries, 38 KiB, bounds 100000 / 64 MiB / 1 h"). */
    String describe();
}
