package clasp.bridge.midi.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.bridge.Bridge;
import clasp.api.message.Message;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.plugin.PluginHost;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The real router (standalone) with MIDI bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();

    Harness() {
        router.startStandalone(RouterSettings.defaults());
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

    MidiBridge add(String id, MidiBridge bridge) {
        long sid = serviceIds.incrementAndGet();
        bridges.put(id, sid);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "midi", PluginHost.BUNDLE, "test"));
        return bridge;
    }

    void remove(String id) {
        router.plugins().removeBridge(bridges.remove(id));
    }

    BridgeInfo state(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    boolean present(String id) {
        return router.bridges().stream().anyMatch(b -> b.id().equals(id));
    }

    ParamState param(String address) {
        return router.param(address).orElse(null);
    }

    Observer observe(String pattern) {
        LocalSession session = router.openSession("observer", false);
        Observer o = new Observer();
        try {
            session.subscribe(pattern, Set.of(), o.seen::add);
        } catch (ClaspException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    LocalSession session() {
        return router.openSession("writer", false);
    }

    /** A CLASP client's view. */
    static final class Observer {
        final List<Message> seen = new CopyOnWriteArrayList<>();

        /** "SET /midi/a INT:42" or "PUBLISH EVENT /midi/e STRING:"x"" (no value: "-"). */
        List<String> lines() {
            return Vectors.lines(seen);
        }
    }

    static MidiBridgeConfig config(Map<String, Object> values) {
        Map<String, Object> all = new HashMap<>(Map.of("rescanSeconds", "1"));
        all.putAll(values);
        return (MidiBridgeConfig) Proxy.newProxyInstance(MidiBridgeConfig.class.getClassLoader(),
                new Class<?>[] {MidiBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return MidiBridgeConfig.class;
                    Object v = all.get(name.replace('_', '.'));
                    if (v == null) return method.getDefaultValue();
                    Class<?> type = method.getReturnType();
                    if (type == int.class) return Integer.parseInt(v.toString());
                    if (type == double.class) return Double.parseDouble(v.toString());
                    if (type == boolean.class) return Boolean.parseBoolean(v.toString());
                    if (type == String[].class) return v instanceof String[] a ? a : new String[] {v.toString()};
                    return v.toString();
                });
    }

    @Override public void close() {
        for (Long sid : List.copyOf(bridges.values())) router.plugins().removeBridge(sid);
        router.deactivate();
    }
}
