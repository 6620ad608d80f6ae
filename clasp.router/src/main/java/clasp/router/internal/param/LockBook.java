package clasp.router.internal.param;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which addresses each live session holds locked, so that they are released when it goes (D7) or when its lease
 * runs out. Each session's set is changed inside the map's atomic operations or, for one address, under that
 * address's stripe.
 */
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

    /**
     * The session's lease ran out: the addresses it holds, now forgotten here, while it stays open (a lock granted
     * after this call is recorded afresh). Atomic with {@link #grant}.
     */
    Set<String> revoke(String sessionId) {
        Set<String> fresh = ConcurrentHashMap.newKeySet();
        Set<String>[] was = new Set[1];
        held.computeIfPresent(sessionId, (id, addresses) -> {
            was[0] = addresses;
            return fresh;
        });
        return was[0] == null ? Set.of() : was[0];
    }

    /** Locks held now, over every session (weakly consistent: a scrape's reading, no lock taken). */
    public int count() {
        int n = 0;
        for (Set<String> addresses : held.values()) n += addresses.size();
        return n;
    }

    /** Whether the session is recorded as holding {@code address}. */
    boolean holds(String sessionId, String address) {
        Set<String> addresses = held.get(sessionId);
        return addresses != null && addresses.contains(address);
    }

    /** Whether the session holds any lock. */
    boolean holdsAny(String sessionId) {
        Set<String> addresses = held.get(sessionId);
        return addresses != null && !addresses.isEmpty();
    }

    /** The sessions holding at least one lock now. */
    Set<String> holders() {
        Set<String> out = new java.util.HashSet<>();
        held.forEach((id, addresses) -> { if (!addresses.isEmpty()) out.add(id); });
        return out;
    }

    /** Records a lock released. */
    void release(String sessionId, String address) {
        Set<String> addresses = held.get(sessionId);
        if (addresses != null) addresses.remove(address);
    }
}
