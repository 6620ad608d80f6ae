package clasp.router.internal.param;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory param store. */
public final class MemoryParamStore implements ParamStore {
    private final ConcurrentHashMap<String, StoredParam> params = new ConcurrentHashMap<>();

    @Override public StoredParam get(String address) { return params.get(address); }

    @Override public boolean create(StoredParam created) { return params.putIfAbsent(created.address(), created) == null; }

    @Override public boolean compareAndSet(StoredParam expected, StoredParam next) {
        return params.replace(expected.address(), expected, next);
    }

    @Override public boolean remove(StoredParam expected) { return params.remove(expected.address(), expected); }

    @Override public int size() { return params.size(); }

    @Override public Collection<StoredParam> all() { return Collections.unmodifiableCollection(params.values()); }
}
