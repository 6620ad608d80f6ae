package clasp.bridge.midi.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.router.PluginState;
import clasp.test.peers.router.BridgeHarness;
import clasp.test.peers.router.ConfigProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The real router (standalone) with MIDI bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness extends BridgeHarness {
    static final Duration WAIT = Duration.ofSeconds(60);

    Harness() {
        super("midi");
    }

    /** Adds an instance rescanning every second with this configuration (the rest defaults), waits until ONLINE. */
    MidiBridge bridge(String id, Map<String, Object> config) {
        MidiBridge bridge = add(id, config);
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    MidiBridge add(String id, Map<String, Object> config) {
        return add(id, new MidiBridge(MidiSettings.from(config(config))));
    }

    /** This configuration, rescanning every second unless it says otherwise. */
    static MidiBridgeConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("rescanSeconds", "1"));
        all.putAll(values);
        return ConfigProxy.of(MidiBridgeConfig.class, all);
    }
}
