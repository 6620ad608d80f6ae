package clasp.bridge.mqtt.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.bridge.Bridge;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
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

/**
 * The real router (standalone) with MQTT bridges added as the router's whiteboard adds them, and observer sessions
 * that record what CLASP clients see.
 */
final class Harness implements AutoCloseable {
    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();

    Harness() {
        router.startStandalone(RouterSettings.defaults());
    }

    /** Adds an instance with this configuration (the rest defaults) and waits until it is ONLINE. */
    MqttBridge bridge(String id, Map<String, Object> config) {
        MqttBridge bridge = add(id, config);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    MqttBridge add(String id, Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.put(Bridge.ID, id);
        MqttBridge bridge = new MqttBridge(config(all));
        long sid = serviceIds.incrementAndGet();
        bridges.put(id, sid);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "mqtt", PluginHost.BUNDLE, "test"));
        return bridge;
    }

    void remove(String id) {
        router.plugins().removeBridge(bridges.remove(id));
    }

    BridgeInfo state(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    /** A CLASP client's view: every SET and PUBLISH matching {@code pattern}, as "address value" lines. */
    Observer observe(String pattern) {
        LocalSession session = router.openSession("observer", false);
        Observer o = new Observer(session);
        try {
            session.subscribe(pattern, Set.of(), o::record);
        } catch (ClaspException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    LocalSession session() {
        return router.openSession("writer", false);
    }

    static final class Observer {
        final List<Message> messages = new CopyOnWriteArrayList<>();
        final LocalSession session;

        Observer(LocalSession session) { this.session = session; }

        void record(Message m) { messages.add(m); }

        /** "SET /mqtt/a 42" or "PUBLISH EVENT /mqtt/e 1", with the value's toString. */
        List<String> lines() {
            return messages.stream().map(m -> m instanceof SetMessage s ? "SET " + s.address() + " " + show(s.value())
                    : "PUBLISH " + ((PublishMessage) m).signal() + " " + ((PublishMessage) m).address() + " "
                    + show(((PublishMessage) m).value())).toList();
        }

        private static String show(clasp.api.Value v) {
            return v.kind() + ":" + v;
        }
    }

    static MqttBridgeConfig config(Map<String, Object> values) {
        return (MqttBridgeConfig) Proxy.newProxyInstance(MqttBridgeConfig.class.getClassLoader(),
                new Class<?>[] {MqttBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return MqttBridgeConfig.class;
                    String key = name.equals("_password") ? ".password" : name.equals("_tlsKeyStorePassword")
                            ? ".tlsKeyStorePassword" : name.replace('_', '.');
                    Object v = values.get(key);
                    if (v == null) return method.getDefaultValue();
                    Class<?> type = method.getReturnType();
                    if (type == int.class) return Integer.parseInt(v.toString());
                    if (type == long.class) return Long.parseLong(v.toString());
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
