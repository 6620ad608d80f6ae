package clasp.router.internal.param;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * Lock stripes by address. Writes to one address hold its stripe, so every subscriber sees that address's SETs in
 * revision order (D3); several stripes are always taken in index order, so two bundles cannot deadlock.
 */
public final class Stripes {
    private final Object[] locks = new Object[1024];

    public Stripes() {
        for (int i = 0; i < locks.length; i++) locks[i] = new Object();
    }

    public Object of(String address) { return locks[index(address)]; }

    private int index(String address) { return (address.hashCode() & 0x7fffffff) % locks.length; }

    /** Runs {@code task} holding every stripe (in index order): no write is in progress while it runs. */
    void withAll(Runnable task) { holdFrom(0, task); }

    private void holdFrom(int i, Runnable task) {
        if (i == locks.length) {
            task.run();
            return;
        }
        synchronized (locks[i]) {
            holdFrom(i + 1, task);
        }
    }

    /** The distinct stripes of {@code addresses}, in the order they must be taken. */
    List<Object> ordered(Collection<String> addresses) {
        TreeMap<Integer, Object> byIndex = new TreeMap<>();
        for (String a : addresses) byIndex.put(index(a), locks[index(a)]);
        return new ArrayList<>(byIndex.values());
    }
}
