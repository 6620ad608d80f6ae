package clasp.bridge.mqtt.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.bridge.Bridge;
import clasp.api.router.PluginState;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real router (standalone) with MQTT bridges added as the router's whiteboard adds them, and observer sessions
 * that record what CLASP clients see.
 */
final class Harness extends BridgeHarness {
    Harness() {
        super("mqtt");
    }

    /** Adds an instance with this configuration (the rest defaults) and waits until it is ONLINE. */
    MqttBridge bridge(String id, Map<String, Object> config) {
        MqttBridge bridge = add(id, config);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    /** Adds an instance with this configuration, which carries its id as a factory configuration does. */
    MqttBridge add(String id, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(Bridge.ID, id);
        return add(id, new MqttBridge(config(all)));
    }

    static MqttBridgeConfig config(Map<String, Object> values) {
        return ConfigProxy.of(MqttBridgeConfig.class, values);
    }
}
