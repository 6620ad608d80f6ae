package clasp.bridge.sacn.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.router.PluginState;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.io.IOException;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real router (standalone) with sACN bridges added as the router's whiteboard adds them, and removed as
 * Declarative Services removes them (the service goes, then the component is deactivated with a reason).
 */
final class Harness extends BridgeHarness {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED}. */
    static final int CONFIGURATION_MODIFIED = 3;

    /** The components, to deactivate them after their service went. */
    private final Map<String, SacnBridge> bridges = new HashMap<>();

    Harness() {
        super("sacn");
    }

    /** Adds an instance with this configuration (the rest defaults) and waits until it is ONLINE. */
    SacnBridge bridge(String id, Map<String, Object> config) {
        SacnBridge bridge = add(id, config);
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    SacnBridge add(String id, Map<String, Object> config) {
        SacnBridge bridge = new SacnBridge(SacnSettings.from(config(config)), "clasp.bridge.sacn~" + id);
        bridges.put(id, bridge);
        return add(id, bridge);
    }

    /** The service goes (the router closes the bridge), then the component is deactivated for {@code reason}. */
    void remove(String id, int reason) {
        remove(id);
        bridges.remove(id).deactivate(reason);
    }

    /** What a router that stops and starts again does: the same bridge object closed, then opened again. */
    void reopen(String id) {
        remove(id);
        add(id, bridges.get(id));
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
    }

    /** What a changed configuration does: the old instance goes, a new one of the same configuration comes. */
    SacnBridge update(String id, Map<String, Object> config) {
        remove(id, CONFIGURATION_MODIFIED);
        return bridge(id, config);
    }

    static List<String> threadsOf(String id) {
        String prefix = SacnBridge.threadPrefix(id);
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SacnBridgeConfig config(Map<String, Object> values) {
        return ConfigProxy.of(SacnBridgeConfig.class, values);
    }
}
