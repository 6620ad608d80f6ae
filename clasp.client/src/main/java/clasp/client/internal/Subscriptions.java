package clasp.client.internal;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.SubscribeOptions;
import clasp.client.UpdateListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's subscriptions, in the order they were made (the order they are re-sent after a reconnect), and the
 * last param state each address was reported with, so that a snapshot repeating it (after a reconnect, a GET, a
 * second subscription) reaches no listener twice. Event loop only.
 */
final class Subscriptions {
    private record Seen(long revision, Value value) { }

    private final Map<Long, Sub> byId = new LinkedHashMap<>();
    private final Map<String, Seen> seen = new HashMap<>();
    private long nextId = 1;

    Sub add(String pattern, Set<SignalType> types, SubscribeOptions options, UpdateListener listener) {
        Sub sub = new Sub(nextId++, pattern, types, options, listener);
        byId.put(sub.id, sub);
        return sub;
    }

    /** Removes it, and forgets the param states no remaining subscription covers. */
    boolean remove(long id) {
        if (byId.remove(id) == null) return false;
        seen.keySet().removeIf(address -> matching(address, SignalType.PARAM).isEmpty());
        return true;
    }

    boolean contains(long id) { return byId.containsKey(id); }

    List<Sub> all() { return new ArrayList<>(byId.values()); }

    List<Sub> matching(String address, SignalType signal) {
        List<Sub> out = new ArrayList<>(1);
        for (Sub s : byId.values()) if (s.wants(address, signal)) out.add(s);
        return out;
    }

    /**
     * Whether a param state is news to the listeners: a SET broadcast always is (every write gets a new revision);
     * a snapshot entry is not when it repeats the revision and value last reported for its address.
     */
    boolean news(String address, long revision, Value value, boolean fromSnapshot) {
        Seen last = seen.put(address, new Seen(revision, value));
        return !fromSnapshot || last == null || last.revision != revision || !Objects.equals(last.value, value);
    }
}
