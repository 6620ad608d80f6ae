package clasp.bridge.dmx.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.bridge.dmx.SerialPorts;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.time.Duration;
import java.util.Map;

/** The real router (standalone) with DMX bridges added as the router's whiteboard adds them, and CLASP sessions. */
final class Harness extends BridgeHarness {
    static final Duration WAIT = Duration.ofSeconds(30);

    /** One desk writes every SET and PUBLISH, so they reach the bridges in the order written. */
    private final LocalSession desk = session();

    Harness() {
        super("dmx");
    }

    /** Adds an instance with this configuration (the rest defaults) on {@code ports}. */
    DmxBridge add(String id, SerialPorts ports, Map<String, Object> config) {
        return add(id, new DmxBridge(config(config), ports));
    }

    void awaitState(String id, PluginState state) {
        await(id + " " + state).atMost(WAIT).until(() -> state(id).state() == state);
    }

    /** A SET from a CLASP client. */
    void set(String address, Value value) throws ClaspException {
        desk.set(address, value);
    }

    /** A PUBLISH from a CLASP client. */
    void publish(PublishMessage publish) throws ClaspException {
        desk.publish(publish);
    }

    static DmxBridgeConfig config(Map<String, Object> values) {
        return ConfigProxy.of(DmxBridgeConfig.class, values);
    }
}
