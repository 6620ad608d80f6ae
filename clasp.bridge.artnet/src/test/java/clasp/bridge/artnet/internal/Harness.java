package clasp.bridge.artnet.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.bridge.Bridge;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
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

/** The real router (standalone) with Art-Net bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();

    Harness() {
        router.startStandalone(RouterSettings.defaults());
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
        ArtNetBridge bridge = new ArtNetBridge(ArtNetSettings.from(config(config)));
        long sid = serviceIds.incrementAndGet();
        bridges.put(id, sid);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "artnet", PluginHost.BUNDLE, "test"));
        return bridge;
    }

    void remove(String id) {
        router.plugins().removeBridge(bridges.remove(id));
    }

    BridgeInfo state(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElseThrow();
    }

    ParamState param(String address) {
        return router.param(address).orElse(null);
    }

    Observer observe(String pattern) {
        LocalSession session = router.openSession("observer", false);
        Observer o = new Observer();
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

    /** A CLASP client's view of the SETs. */
    static final class Observer {
        final List<SetMessage> seen = new CopyOnWriteArrayList<>();

        void record(Message m) {
            if (m instanceof SetMessage s) seen.add(s);
        }

        /** "/artnet/3/1=INT:42", in order. */
        List<String> lines() {
            return seen.stream().map(s -> s.address() + "=" + s.value().kind() + ":" + s.value()).toList();
        }
    }

    static ArtNetBridgeConfig config(Map<String, Object> values) {
        return (ArtNetBridgeConfig) Proxy.newProxyInstance(ArtNetBridgeConfig.class.getClassLoader(),
                new Class<?>[] {ArtNetBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return ArtNetBridgeConfig.class;
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

    @Override public void close() {
        for (Long sid : List.copyOf(bridges.values())) router.plugins().removeBridge(sid);
        router.deactivate();
    }
}
