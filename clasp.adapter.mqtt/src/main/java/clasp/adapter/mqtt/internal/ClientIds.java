package clasp.adapter.mqtt.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The connected clients of one listener by client id, for the takeover rule: a CONNECT with the id of a connected
 * client closes the older connection. Thread-safe (any event loop).
 */
final class ClientIds {
    private final ConcurrentMap<String, MqttSession> connected = new ConcurrentHashMap<>();

    /** Registers {@code session} under {@code clientId}; returns the session it replaces, or null. */
    MqttSession register(String clientId, MqttSession session) {
        return connected.put(clientId, session);
    }

    /** Forgets {@code session}, unless a newer one already took its id. */
    void remove(String clientId, MqttSession session) {
        connected.remove(clientId, session);
    }

    /** True while {@code session} holds {@code clientId} (no newer connection took it over). */
    boolean isCurrent(String clientId, MqttSession session) {
        return connected.get(clientId) == session;
    }

    int size() {
        return connected.size();
    }
}
