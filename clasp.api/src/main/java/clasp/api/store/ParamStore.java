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
 *
 * <p>When the router switches to another store while running (one registered, or the one in use going away), it
 * copies its current params into the next store: a param the next store lacks is added, and one it holds at a lower
 * revision is replaced; the next store's own record is kept only when its revision is higher. So a durable store that
 * comes back after a bundle update catches up with what was written meanwhile, and a cluster's newer state wins.
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

    /**
     * Whether params outlive the router process (a file, a cluster). The in-memory store's do not.
     *
     * @since 1.2
     */
    default boolean persistent() { return false; }

    /**
     * What this store is and where its params live, for an admin (for example "H2 MVStore data/store/clasp.mv.db,
     * committed every 100 ms").
     *
     * @since 1.2
     */
    default String describe() { return getClass().getName(); }

    /**
     * Keeps a signal definition the router registered for ANNOUNCE (replacing one at the same address). The router
     * calls it on the announcing thread; keep it short.
     *
     * @since 1.2
     */
    default void announced(AnnouncedSignal signal) { }

    /**
     * Forgets the signal definition at {@code address} (it expired).
     *
     * @since 1.2
     */
    default void forgotten(String address) { }

    /**
     * Gives every kept signal definition to {@code each}, weakly consistent; the router reads them when it starts
     * using this store.
     *
     * @since 1.2
     */
    default void scanSignals(Consumer<AnnouncedSignal> each) { }
}
