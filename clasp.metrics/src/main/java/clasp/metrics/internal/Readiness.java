package clasp.metrics.internal;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.StoreInfo;
import clasp.api.router.TransportInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether the runtime can take clients, as the runtime's ready line judges it (clasp.runtime's ReadinessWatch): the
 * router is active, every configured transport instance is registered with it and ONLINE with an endpoint, and the
 * store is open: the router answers where params live, and no param store component failed to open. Stateless.
 */
final class Readiness {
    /** One configured transport instance: its kind and id, as {@link TransportInfo} names it. */
    record Listener(String kind, String id) implements Comparable<Listener> {
        @Override public int compareTo(Listener o) {
            int byKind = kind.compareTo(o.kind);
            return byKind != 0 ? byKind : id.compareTo(o.id);
        }
    }

    /**
     * What is not ready, one line each ("websocket listener busy: FAILED (bind failed: ...)"); empty when ready.
     *
     * @param router        the router, or null when none is active
     * @param configured    the transport instances the configuration asks for
     * @param storeProblems the param store components that are not working, with why
     */
    static List<String> problems(Router router, Set<Listener> configured, List<String> storeProblems) {
        List<String> out = new ArrayList<>();
        if (router == null) {
            out.add("router: not active");
            out.addAll(storeProblems);
            return out;
        }
        List<TransportInfo> transports = router.transports();
        for (Listener wish : configured) {
            TransportInfo t = transports.stream().filter(i -> i.id().equals(wish.id()) && i.kind().equals(wish.kind()))
                    .findFirst().orElse(null);
            if (t == null) {
                out.add(wish.kind() + " listener " + wish.id() + ": not registered with the router");
            } else if (t.state() != PluginState.ONLINE || t.endpoint().isEmpty()) {
                out.add(wish.kind() + " listener " + wish.id() + ": " + t.state() + " (" + t.detail() + ")");
            }
        }
        try {
            StoreInfo store = router.store();
            if (store == null) out.add("store: the router has none");
        } catch (RuntimeException e) {
            out.add("store: " + e.getMessage());
        }
        out.addAll(storeProblems);
        return out;
    }
}
