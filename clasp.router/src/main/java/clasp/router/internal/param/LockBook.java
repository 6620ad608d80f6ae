package clasp.router.internal.param;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which addresses each live session holds locked, so that they are released when it goes (D7). */
public final class LockBook {
    private final ConcurrentHashMap<String, Set<String>> held = new ConcurrentHashMap<>();

    /** The session may hold locks from now on. */
    public void open(String sessionId) { held.putIfAbsent(sessionId, ConcurrentHashMap.newKeySet()); }

    /** The session is gone: the addresses it held, now forgotten here. */
    Set<String> close(String sessionId) {
        Set<String> addresses = held.remove(sessionId);
        return addresses == null ? Set.of() : addresses;
    }

    /**
     * Records a lock granted to the session; false when the session is no longer open, and then it must not get it.
     * Atomic with {@link #close}: a grant recorded here is in the set that close returns.
     */
    boolean grant(String sessionId, String address) {
        return held.computeIfPresent(sessionId, (id, addresses) -> {
            addresses.add(address);
            return addresses;
        }) != null;
    }

    /** Records a lock released. */
    void release(String sessionId, String address) {
        Set<String> addresses = held.get(sessionId);
        if (addresses != null) addresses.remove(address);
    }
}
