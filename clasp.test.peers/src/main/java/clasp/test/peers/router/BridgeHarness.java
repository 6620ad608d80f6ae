package clasp.test.peers.router;

import clasp.api.bridge.Bridge;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.plugin.PluginHost;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real router, started standalone (in-memory store, allow-all authoriser), with bridges of one protocol added and
 * removed as the router's whiteboard does it for bridge services, and CLASP sessions to write and observe with.
 *
 * <p>A bridge module's tests extend it with what only that module knows: how to build its bridge from a
 * configuration, on which port, and when it counts as ready. Not thread-safe: a test drives it from one thread.
 */
public class BridgeHarness implements AutoCloseable {
    private final RouterComponent router = new RouterComponent();
    private final String protocol;
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();

    /** Starts the router; bridges added later are of {@code protocol} (their {@link Bridge#PROTOCOL}). */
    public BridgeHarness(String protocol) {
        this.protocol = protocol;
        router.startStandalone(RouterSettings.defaults());
    }

    /** Registers {@code bridge} as instance {@code id}, as the whiteboard does for a new bridge service. */
    public <B extends Bridge> B add(String id, B bridge) {
        long serviceId = serviceIds.incrementAndGet();
        bridges.put(id, serviceId);
        router.plugins().addBridge(serviceId, bridge,
                Map.of(Bridge.ID, id, Bridge.PROTOCOL, protocol, PluginHost.BUNDLE, "test"));
        return bridge;
    }

    /** Unregisters instance {@code id}, as the whiteboard does when its service goes away. */
    public void remove(String id) {
        router.plugins().removeBridge(bridges.remove(id));
    }

    /** What the router shows of instance {@code id}; fails when it has none. */
    public BridgeInfo state(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    /** Whether the router lists instance {@code id}. */
    public boolean present(String id) {
        return router.bridges().stream().anyMatch(b -> b.id().equals(id));
    }

    /** The router's param at {@code address}, or null when it has none. */
    public ParamState param(String address) {
        return router.param(address).orElse(null);
    }

    /** A new CLASP client session subscribed to {@code pattern}; what it receives is recorded in the observer. */
    public Observer observe(String pattern) {
        LocalSession session = router.openSession("observer", false);
        Observer observer = new Observer();
        try {
            session.subscribe(pattern, Set.of(), observer::record);
        } catch (ClaspException e) {
            throw new IllegalStateException("subscribing to " + pattern, e);
        }
        return observer;
    }

    /** A new CLASP client session to write with (SET, PUBLISH, GET). */
    public LocalSession session() {
        return router.openSession("writer", false);
    }

    /** Removes every bridge still added and stops the router with all its sessions and threads. */
    @Override
    public void close() {
        for (Long serviceId : List.copyOf(bridges.values())) router.plugins().removeBridge(serviceId);
        router.deactivate();
    }
}
