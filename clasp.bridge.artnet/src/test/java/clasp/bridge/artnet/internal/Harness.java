package clasp.bridge.artnet.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.router.PluginState;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real router (standalone) with Art-Net bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness extends BridgeHarness {
    static final Duration WAIT = Duration.ofSeconds(60);

    Harness() {
        super("artnet");
    }

    /** Adds an instance on a free loopback port with this configuration (the rest defaults), waits until ONLINE. */
    ArtNetBridge bridge(String id, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("bindAddress", "127.0.0.1", "port", "0"));
        all.putAll(config);
        ArtNetBridge bridge = add(id, all);
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    ArtNetBridge add(String id, Map<String, Object> config) {
        return add(id, new ArtNetBridge(ArtNetSettings.from(config(config))));
    }

    static ArtNetBridgeConfig config(Map<String, Object> values) {
        return ConfigProxy.of(ArtNetBridgeConfig.class, values);
    }
}
