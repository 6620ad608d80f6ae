package clasp.router.internal.param;

import java.util.Collection;

/**
 * Where params live. Writes are compare-and-set on the whole stored param, so that an in-memory, a durable or
 * a clustered store can stand behind the same router logic.
 */
public interface ParamStore {
    StoredParam get(String address);

    /** Stores {@code created} if nothing is stored at its address yet. */
    boolean create(StoredParam created);

    /** Replaces {@code expected} (same revision) by {@code next}; false when another write came first. */
    boolean compareAndSet(StoredParam expected, StoredParam next);

    /** Removes {@code expected} if it is still the stored param. */
    boolean remove(StoredParam expected);

    int size();

    /** A weakly consistent view of every stored param. */
    Collection<StoredParam> all();
}
