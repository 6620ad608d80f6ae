package clasp.bridge.sacn.internal;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What outlives one instance, for as long as this bundle's classes are loaded: the sequence number each source (CID)
 * would send next on each universe, so that a re-created instance goes on where its predecessor stopped; and the
 * streams a closed instance left ({@link Parked}), keyed by its configuration, until either a successor of the same
 * configuration takes them over (ending those it does not send any more) or the configuration is deleted (ending them
 * all). A bundle update loads new classes: the memory starts empty, and {@link Sender} starts fresh streams so that
 * receivers still take them (see there). Thread-safe.
 */
final class Streams {
    /** The streams a closed instance sent: how to reach their receivers and what to end them with. */
    record Parked(UUID cid, String sourceName, int priority, Map<Integer, byte[]> frames, boolean multicast, int port,
                  NetworkInterface multicastInterface, List<InetSocketAddress> unicast) {
    }

    private record Key(UUID cid, int universe) {
    }

    private static final Map<Key, Integer> NEXT_SEQUENCE = new ConcurrentHashMap<>();
    private static final Map<String, Parked> PARKED = new ConcurrentHashMap<>();

    private Streams() {
    }

    /** The next sequence number per universe of {@code cid}'s earlier streams. */
    static Map<Integer, Integer> sequences(UUID cid) {
        Map<Integer, Integer> out = new HashMap<>();
        NEXT_SEQUENCE.forEach((k, v) -> {
            if (k.cid().equals(cid)) out.put(k.universe(), v);
        });
        return out;
    }

    static void remember(UUID cid, Map<Integer, Integer> nextSequences) {
        nextSequences.forEach((u, s) -> NEXT_SEQUENCE.put(new Key(cid, u), s));
    }

    static void park(String configuration, Parked streams) { PARKED.put(configuration, streams); }

    /** The streams the closed instance of {@code configuration} left, removed; null if none. */
    static Parked take(String configuration) { return PARKED.remove(configuration); }
}
