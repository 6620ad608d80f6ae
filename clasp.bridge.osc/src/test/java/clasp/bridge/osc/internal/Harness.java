package clasp.bridge.osc.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.router.PluginState;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real router (standalone) with OSC bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness extends BridgeHarness {
    static final Duration WAIT = Duration.ofSeconds(60);

    Harness() {
        super("osc");
    }

    /** Adds an instance on a free loopback port with this configuration (the rest defaults), waits until ONLINE. */
    OscBridge bridge(String id, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("bindAddress", "127.0.0.1", "port", "0"));
        all.putAll(config);
        OscBridge bridge = add(id, all);
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    OscBridge add(String id, Map<String, Object> config) {
        // the status line's counters every 100 ms rather than every 5 s: the tests wait for them
        return add(id, new OscBridge(OscSettings.from(config(config)), Duration.ofMillis(100)));
    }

    static int port(OscBridge bridge) {
        return bridge.localAddress().getPort();
    }

    static OscBridgeConfig config(Map<String, Object> values) {
        return ConfigProxy.of(OscBridgeConfig.class, values);
    }
}
