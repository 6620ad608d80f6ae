package clasp.api.store;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where params live. Every write is a compare-and-set on the whole record, so that an in-memory, an embedded
 * durable and a clustered store can stand behind the same router logic. Thread-safe; no method blocks on
 * the network for longer than the store's own bounded timeout.
 *
 * <p>The router decides every write (revision, lock, conflict checks) and serialises writes to one address
 * itself; the store only has to apply them atomically. Register an implementation as an OSGi service with a
 * {@code service.ranking} above the built-in in-memory store's ({@value #MEMORY_RANKING}) to replace it.
 */
@ConsumerType
public interface ParamStore {
    /** The {@code service.ranking} of the router's built-in in-memory store. */
    int MEMORY_RANKING = -1000;

    /** The record stored at exactly {@code address}, or null. */
    ParamRecord get(String address);

    /**
     * Atomically replaces {@code expected} by {@code next} at their address. {@code expected} null: only if nothing
     * is stored there (create); {@code next} null: remove. Records are compared by revision and writer.
     *
     * @return false, changing nothing, when the stored record is not {@code expected}
     */
    boolean compareAndSet(ParamRecord expected, ParamRecord next);

    /** Gives every record whose address starts with {@code addressPrefix} ("" for all) to {@code each}; weakly consistent. */
    void scan(String addressPrefix, Consumer<ParamRecord> each);

    /** How many records are stored. */
    int size();

    /** The router starts using this store: changes made elsewhere are reported to {@code changes} from now on. */
    void attach(ParamChanges changes);

    /** The router stops using this store: no more calls to the {@link ParamChanges} given to {@link #attach}. */
    void detach();

    /**
     * Whether a write is durable once {@link #sync} returns (a journal, a disk, a quorum). The in-memory store is
     * not; for a store that is not, the router never calls {@link #sync}.
     */
    default boolean durable() { return false; }

    /**
     * Makes every write this store has accepted so far durable, returning once it is. The router calls it for a
     * frame sent at QoS Commit, after applying its SETs and before sending the ACK, on the thread that handles the
     * sender's connection (so a store should keep it short, for example by grouping what is pending). A failure
     * ({@link RuntimeException}) withholds the ACK and the sender gets ERROR 500.
     */
    default void sync() { }
}
