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

    /** Records a lock taken ({@code locked}) or released; sessions not open are not tracked. */
    void track(String sessionId, String address, boolean locked) {
        Set<String> addresses = held.get(sessionId);
        if (addresses == null) return;
        if (locked) addresses.add(address);
        else addresses.remove(address);
    }
}
