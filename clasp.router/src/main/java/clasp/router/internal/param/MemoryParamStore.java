package clasp.router.internal.param;

import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * The built-in in-memory param store, registered at {@link ParamStore#MEMORY_RANKING} so that any other store
 * replaces it. Nothing changes it but the router, so its change feed stays silent. Detached, it forgets its params:
 * the router copied them into the store it switched to, and would copy them back if it returned here.
 */
@Component(service = ParamStore.class, property = "service.ranking:Integer=" + ParamStore.MEMORY_RANKING)
public final class MemoryParamStore implements ParamStore {
    private final ConcurrentHashMap<String, ParamRecord> params = new ConcurrentHashMap<>();

    @Override public ParamRecord get(String address) { return params.get(address); }

    @Override
    public boolean compareAndSet(ParamRecord expected, ParamRecord next) {
        String address = expected != null ? expected.address() : next.address();
        boolean[] done = {false};
        params.compute(address, (a, cur) -> {
            if (!same(cur, expected)) return cur;
            done[0] = true;
            return next;
        });
        return done[0];
    }

    private static boolean same(ParamRecord stored, ParamRecord expected) {
        if (stored == null || expected == null) return stored == expected;
        return stored.revision() == expected.revision() && Objects.equals(stored.writer(), expected.writer());
    }

    @Override
    public void scan(String addressPrefix, Consumer<ParamRecord> each) {
        for (ParamRecord p : params.values()) if (p.address().startsWith(addressPrefix)) each.accept(p);
    }

    @Override public int size() { return params.size(); }

    @Override public void attach(ParamChanges changes) { }

    @Override public void detach() { params.clear(); }
}
