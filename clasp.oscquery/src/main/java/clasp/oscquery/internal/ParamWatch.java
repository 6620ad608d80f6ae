package clasp.oscquery.internal;

import clasp.api.SignalType;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the router's params for the WebSocket clients. A subscription to every param tells of each SET: a new
 * address is {@code PATH_ADDED}, a value whose OSC type tags differ from the last is {@code PATH_CHANGED} (the
 * node's TYPE and VALUE shape changed), and the value goes to the clients listening to it. The router tells no
 * subscriber of a removed param (an admin's delete, a TTL running out), so {@link #check} compares the known paths
 * with the router's, now and then: one gone is {@code PATH_REMOVED}; one the subscription missed (its queue full)
 * is {@code PATH_ADDED}. Both run under one lock, so a check never reports a param whose SET is still on its way.
 */
final class ParamWatch {
    private static final Logger LOG = LoggerFactory.getLogger(ParamWatch.class);

    private final Router router;
    private final Clients clients;
    private final Map<String, String> known = new HashMap<>();   // path -> its type tags ("" when OSC cannot carry it)

    ParamWatch(Router router, Clients clients) {
        this.router = router;
        this.clients = clients;
    }

    /** Learns the params there are now (announcing none) and subscribes to every SET from then on. */
    void start(LocalSession session) {
        synchronized (known) {
            for (ParamState p : router.params("/**")) {
                if (OscPaths.valid(p.address())) known.put(p.address(), tags(p));
            }
        }
        try {
            session.subscribe("/**", Set.of(SignalType.PARAM), this::received);
        } catch (ClaspException e) {
            LOG.error("clasp.oscquery: cannot subscribe to the params ({}): WebSocket clients get no value updates, "
                    + "only the paths added and removed that the periodic check finds", e.getMessage());
        }
    }

    private void received(Message m) {
        if (!(m instanceof SetMessage set) || !OscPaths.valid(set.address())) return;
        String tags = Objects.requireNonNullElse(OscValues.typeTags(set.value()), "");
        synchronized (known) {
            String before = known.put(set.address(), tags);
            if (before == null) {
                clients.notify(Clients.PATH_ADDED, set.address());
            } else if (!before.equals(tags)) {
                clients.notify(Clients.PATH_CHANGED, set.address());
            }
        }
        clients.valueChanged(set.address(), set.value());
    }

    /** Tells of params removed, and of any the subscription missed, since the last check. */
    void check() {
        synchronized (known) {
            Set<String> present = new HashSet<>();
            for (ParamState p : router.params("/**")) {
                if (!OscPaths.valid(p.address())) continue;
                present.add(p.address());
                if (known.putIfAbsent(p.address(), tags(p)) == null) clients.notify(Clients.PATH_ADDED, p.address());
            }
            for (Iterator<String> it = known.keySet().iterator(); it.hasNext(); ) {
                String path = it.next();
                if (!present.contains(path)) {
                    it.remove();
                    clients.notify(Clients.PATH_REMOVED, path);
                }
            }
        }
    }

    private static String tags(ParamState p) {
        return Objects.requireNonNullElse(OscValues.typeTags(p.value()), "");
    }
}
