package clasp.adapter.mqtt.internal;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The persistent sessions of one listener whose clients are away, by client id. Thread-safe. */
final class ParkedSessions {
    private final ConcurrentMap<String, ParkedSession> parked = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    void put(String clientId, ParkedSession session) {
        ParkedSession older = parked.put(clientId, session);
        if (older != null && older != session) older.discard();
        if (stopped) discardAll();   // parked while the listener was stopping
    }

    /** Takes the client's parked session out, or null. */
    ParkedSession take(String clientId) {
        return parked.remove(clientId);
    }

    void remove(String clientId, ParkedSession session) {
        parked.remove(clientId, session);
    }

    int size() {
        return parked.size();
    }

    /** The listener stops: every parked session ends. */
    void discardAll() {
        stopped = true;
        for (ParkedSession s : List.copyOf(parked.values())) {
            parked.remove(s.clientId(), s);
            s.discard();
        }
    }
}
