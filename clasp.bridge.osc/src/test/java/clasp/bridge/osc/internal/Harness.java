package clasp.bridge.osc.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.BridgeInfo;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.PluginState;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.plugin.PluginHost;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** The real router (standalone) with OSC bridges added as the router's whiteboard adds them, and observer sessions. */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> bridges = new HashMap<>();

    Harness() {
        router.startStandalone(RouterSettings.defaults());
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
        OscBridge bridge = new OscBridge(OscSettings.from(config(config)), Duration.ofMillis(100));
        long sid = serviceIds.incrementAndGet();
        bridges.put(id, sid);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "osc", PluginHost.BUNDLE, "test"));
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

    static int port(OscBridge bridge) {
        InetSocketAddress local = bridge.localAddress();
        return local.getPort();
    }

    /** A CLASP client's view, with the router-clock time (µs) each message reached it. */
    static final class Observer {
        record Seen(Message message, long atMicros) { }

        final List<Seen> seen = new CopyOnWriteArrayList<>();

        void record(Message m) { seen.add(new Seen(m, Micros.now())); }

        /** "SET /osc/a INT:42" or "PUBLISH EVENT /osc/e NULL:null" (no value: "-"). */
        List<String> lines() {
            return seen.stream().map(s -> line(s.message())).toList();
        }

        static String line(Message m) {
            if (m instanceof SetMessage s) return "SET " + s.address() + " " + show(s.value());
            PublishMessage p = (PublishMessage) m;
            return "PUBLISH " + p.signal() + " " + p.address() + " " + show(p.value());
        }

        private static String show(Value v) {
            return v == null ? "-" : v.kind() + ":" + v;
        }
    }

    static OscBridgeConfig config(Map<String, Object> values) {
        return (OscBridgeConfig) Proxy.newProxyInstance(OscBridgeConfig.class.getClassLoader(),
                new Class<?>[] {OscBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return OscBridgeConfig.class;
                    Object v = values.get(name.replace('_', '.'));
                    if (v == null) return method.getDefaultValue();
                    Class<?> type = method.getReturnType();
                    if (type == int.class) return Integer.parseInt(v.toString());
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
