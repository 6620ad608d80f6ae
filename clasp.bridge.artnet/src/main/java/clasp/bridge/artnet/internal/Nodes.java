package clasp.bridge.artnet.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each universe goes: every configured node and the broadcast address get every universe; a node discovered
 * by its ArtPollReply gets the universes that reply lists as outputs (a node with more than 4 ports sends one reply
 * per group, told apart by BindIndex), until it has been silent for the node timeout. A discovered node is reached
 * at the address its reply came from. Times are nanoseconds of one monotonic clock.
 *
 * <p>Owned by the bridge's strand.
 */
final class Nodes {
    private final long timeoutNanos;
    private List<InetSocketAddress> fixed = List.of();
    private final Map<Key, Discovered> discovered = new LinkedHashMap<>();

    private record Key(InetSocketAddress address, int bindIndex) { }

    private record Discovered(Set<Integer> universes, long lastHeard) { }

    Nodes(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The resolved configured nodes and broadcast address, which get every universe. */
    void fixed(List<InetSocketAddress> targets) { fixed = List.copyOf(targets); }

    /** An ArtPollReply from {@code from} at {@code now}. */
    void heard(InetSocketAddress from, ArtPollReply reply, long now) {
        Key key = new Key(from, reply.bindIndex());
        Set<Integer> universes = Set.copyOf(reply.outputUniverses());
        if (universes.isEmpty()) discovered.remove(key);   // nothing it takes from Art-Net: not a target
        else discovered.put(key, new Discovered(universes, now));
    }

    /** Forgets the nodes silent for longer than the timeout at {@code now}; returns how many. */
    int expire(long now) {
        int before = discovered.size();
        discovered.values().removeIf(d -> now - d.lastHeard > timeoutNanos);
        return before - discovered.size();
    }

    /** The addresses that get {@code universe}: the fixed ones, then the discovered ones, each once. */
    List<InetSocketAddress> targets(int universe) {
        if (discovered.isEmpty()) return fixed;
        List<InetSocketAddress> targets = new ArrayList<>(fixed);
        for (Map.Entry<Key, Discovered> e : discovered.entrySet()) {
            InetSocketAddress address = e.getKey().address();
            if (e.getValue().universes.contains(universe) && !targets.contains(address)) targets.add(address);
        }
        return targets;
    }

    /** Every address that gets some universe, each once (where an ArtSync goes). */
    List<InetSocketAddress> all() {
        List<InetSocketAddress> targets = new ArrayList<>(fixed);
        for (Key key : discovered.keySet()) if (!targets.contains(key.address())) targets.add(key.address());
        return targets;
    }

    /** The discovered nodes (addresses), each once. */
    int discoveredCount() {
        Map<InetSocketAddress, Boolean> addresses = new HashMap<>();
        for (Key key : discovered.keySet()) addresses.put(key.address(), true);
        return addresses.size();
    }

    int fixedCount() { return fixed.size(); }
}
