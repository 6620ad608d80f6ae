package clasp.bridge.sacn.internal;

import static org.awaitility.Awaitility.await;

import clasp.api.Value;
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
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real router (standalone) with sACN bridges added as the router's whiteboard adds them, and removed as
 * Declarative Services removes them (the service goes, then the component is deactivated with a reason).
 */
final class Harness implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** {@code ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED}. */
    static final int CONFIGURATION_MODIFIED = 3;

    private final RouterComponent router = new RouterComponent();
    private final AtomicLong serviceIds = new AtomicLong(1000);
    private final Map<String, Long> services = new HashMap<>();
    private final Map<String, SacnBridge> bridges = new HashMap<>();

    Harness() {
        router.startStandalone(RouterSettings.defaults());
    }

    /** Adds an instance with this configuration (the rest defaults) and waits until it is ONLINE. */
    SacnBridge bridge(String id, Map<String, Object> config) {
        SacnBridge bridge = add(id, config);
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
        return bridge;
    }

    SacnBridge add(String id, Map<String, Object> config) {
        SacnBridge bridge = new SacnBridge(SacnSettings.from(config(config)), "clasp.bridge.sacn~" + id);
        long sid = serviceIds.incrementAndGet();
        services.put(id, sid);
        bridges.put(id, bridge);
        router.plugins().addBridge(sid, bridge, Map.of(Bridge.ID, id, Bridge.PROTOCOL, "sacn", PluginHost.BUNDLE, "test"));
        return bridge;
    }

    /** The service goes (the router closes the bridge), then the component is deactivated for {@code reason}. */
    void remove(String id, int reason) {
        router.plugins().removeBridge(services.remove(id));
        bridges.remove(id).deactivate(reason);
    }

    /** What a router that stops and starts again does: the same bridge object closed, then opened again. */
    void reopen(String id) {
        router.plugins().removeBridge(services.get(id));
        long sid = serviceIds.incrementAndGet();
        services.put(id, sid);
        router.plugins().addBridge(sid, bridges.get(id), Map.of(Bridge.ID, id, Bridge.PROTOCOL, "sacn", PluginHost.BUNDLE, "test"));
        await().atMost(WAIT).until(() -> state(id).state() == PluginState.ONLINE);
    }

    /** What a changed configuration does: the old instance goes, a new one of the same configuration comes. */
    SacnBridge update(String id, Map<String, Object> config) {
        remove(id, CONFIGURATION_MODIFIED);
        return bridge(id, config);
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
            session.subscribe(pattern, Set.of(), o.seen::add);
        } catch (ClaspException e) {
            throw new IllegalStateException(e);
        }
        return o;
    }

    LocalSession session() {
        return router.openSession("writer", false);
    }

    /** A CLASP client's view: the SETs it got, as "address value". */
    static final class Observer {
        final List<Message> seen = new CopyOnWriteArrayList<>();

        List<String> lines() {
            return seen.stream().filter(m -> m instanceof SetMessage).map(m -> (SetMessage) m)
                    .map(s -> s.address() + " " + s.value()).toList();
        }

        /** The values SET at {@code address}, in order. */
        List<Value> values(String address) {
            return seen.stream().filter(m -> m instanceof SetMessage s && s.address().equals(address))
                    .map(m -> ((SetMessage) m).value()).toList();
        }
    }

    static List<String> threadsOf(String id) {
        String prefix = SacnBridge.threadPrefix(id);
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    static int freeUdpPort() {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static SacnBridgeConfig config(Map<String, Object> values) {
        return (SacnBridgeConfig) Proxy.newProxyInstance(SacnBridgeConfig.class.getClassLoader(),
                new Class<?>[] {SacnBridgeConfig.class}, (proxy, method, args) -> {
                    String name = method.getName();
                    if (name.equals("annotationType")) return SacnBridgeConfig.class;
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
        for (String id : List.copyOf(services.keySet())) router.plugins().removeBridge(services.remove(id));
        router.deactivate();
    }
}
