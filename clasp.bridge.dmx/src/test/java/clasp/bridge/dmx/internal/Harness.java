package clasp.bridge.dmx.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.bridge.dmx.SerialPorts;
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

/** The real router (standalone) with DMX bridges added as the router's whiteboard adds them, and CLASP sessions. */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();
    private final LocalSession writer;

    Harness() {
        router.startStandalone(RouterSettings.defaults());
        writer = router.openSession("desk", false);
    }

    /** Adds an instance with this configuration (the rest defaults) on {@code ports}. */
    DmxBridge add(String id, SerialPorts ports, Map<String, Object> config) {
        DmxBridge bridge = new DmxBridge(config(config), ports);
        long sid = serviceIds.incrementAndGet();
        bridges.put(id, sid);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "dmx", PluginHost.BUNDLE, "test"));
        return bridge;
    }

    void remove(String id) {
        router.plugins().removeBridge(bridges.remove(id));
    }

    BridgeInfo state(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    void awaitState(String id, PluginState state) {
        await(id + " " + state).atMost(WAIT).until(() -> state(id).state() == state);
    }

    /** A SET from a CLASP client. */
    void set(String address, Value value) throws ClaspException {
        writer.set(address, value);
    }

    /** A PUBLISH from a CLASP client. */
    void publish(PublishMessage publish) throws ClaspException {
        writer.publish(publish);
    }

    Observer observe(String pattern) throws ClaspException {
        LocalSession session = router.openSession("observer", false);
        Observer o = new Observer();
        session.subscribe(pattern, Set.of(), o.seen::add);
        return o;
    }

    /** What a CLASP client subscribed to a pattern got. */
    static final class Observer {
        final List<Message> seen = new CopyOnWriteArrayList<>();

        /** "/dmx/1/2=INT:200" for each SET, in order. */
        List<String> sets() {
            return seen.stream().map(m -> (SetMessage) m).map(s -> s.address() + "=" + s.value().kind() + ":" + s.value()).toList();
        }
    }

    static DmxBridgeConfig config(Map<String, Object> values) {
        return (DmxBridgeConfig) Proxy.newProxyInstance(DmxBridgeConfig.class.getClassLoader(),
                new Class<?>[] {DmxBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return DmxBridgeConfig.class;
                    Object v = values.get(name.replace('_', '.'));
                    if (v == null) return method.getDefaultValue();
                    Class<?> type = method.getReturnType();
                    if (type == int.class) return Integer.parseInt(v.toString());
                    if (type == double.class) return Double.parseDouble(v.toString());
                    if (type == boolean.class) return Boolean.parseBoolean(v.toString());
                    if (type == String[].class) return v instanceof String[] a ? a : new String[] {v.toString()};
                    return v.toString();
                });
    }

    @Override
    public void close() {
        for (Long sid : List.copyOf(bridges.values())) router.plugins().removeBridge(sid);
        router.deactivate();
    }
}
