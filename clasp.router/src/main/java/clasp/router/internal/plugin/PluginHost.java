package clasp.router.internal.plugin;

import clasp.router.internal.RouterComponent;
import clasp.router.internal.clock.TimerClock;
import clasp.api.auth.Principal;
import clasp.api.bridge.Bridge;
import clasp.api.router.BridgeInfo;
import clasp.api.router.TransportInfo;
import clasp.protocol.transport.Transport;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard: every registered bridge and transport, keyed by service id. Services bound before the router
 * starts are opened when it starts; all are closed when it stops. Bridges run on one {@link BridgePool} of
 * {@code bridgeThreads} threads, each on a strand of its own; opening and closing transports, and closing a bridge
 * whose strand is stuck, run on a second pool that only grows while such calls are in progress.
 */
public final class PluginHost {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Map<Long, BridgeLink> bridges = new ConcurrentHashMap<>();
    private final Map<Long, TransportLink> transports = new ConcurrentHashMap<>();
    private final Map<Long, Runnable> waiting = new java.util.LinkedHashMap<>();   // opens deferred until start; guarded by this
    private RouterComponent router;
    private ExecutorService pool;
    private volatile BridgePool bridgePool;
    private ScheduledExecutorService timer;
    private TimerClock clock;

    /** Starts on the router's clock, with {@code bridgeThreads} threads for its bridges. */
    public synchronized void start(RouterComponent router, TimerClock clock, int bridgeThreads) {
        this.router = router;
        this.clock = clock;
        this.timer = clock.executor();
        bridgePool = new BridgePool(bridgeThreads);
        pool = new ThreadPoolExecutor(0, 64, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                PluginThreads.named("clasp-router-plugin"));
        timer.scheduleWithFixedDelay(this::checkBridges, 1, 1, TimeUnit.SECONDS);
        waiting.values().forEach(Runnable::run);
        waiting.clear();
    }

    /** Applies a changed {@code bridgeThreads}. */
    public void bridgeThreads(int n) {
        BridgePool p = bridgePool;
        if (p != null) p.resize(n);
    }

    /** Closes bridges first (they write into the router), then transports, then the pools. */
    public synchronized void stop() {
        for (Long sid : new ArrayList<>(bridges.keySet())) removeBridge(sid);
        for (Long sid : new ArrayList<>(transports.keySet())) removeTransport(sid);
        if (bridgePool != null) bridgePool.stop();
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        router = null;
    }

    public synchronized void addBridge(long serviceId, Bridge bridge, Map<String, Object> props) {
        openOrDefer(serviceId, () -> openBridge(serviceId, bridge, props));
    }

    /** Opens now if the router runs, else when it starts. Callers hold this. */
    private void openOrDefer(long serviceId, Runnable open) {
        if (router == null) waiting.put(serviceId, open);
        else open.run();
    }

    private void openBridge(long serviceId, Bridge bridge, Map<String, Object> props) {
        String id = instanceId(props, Bridge.ID, serviceId);
        BridgeLink link = new BridgeLink(router.core(), clock, bridgePool, id, text(props, Bridge.PROTOCOL, ""),
                bundleOf(props), scopes(props == null ? null : props.get(Bridge.SCOPES)), bridge);
        bridges.put(serviceId, link);
        LOG.debug("clasp.router: bridge {} bound", id);
        link.open(timer);
    }

    /** Stops routing to and from the bridge before returning, after a bounded wait for its close. */
    public void removeBridge(long serviceId) {
        synchronized (this) {
            waiting.remove(serviceId);
        }
        BridgeLink link = bridges.remove(serviceId);
        if (link == null) return;
        LOG.debug("clasp.router: bridge {} unbound", link.id);
        link.close(pool);
        LOG.info("clasp.router: bridge {} removed", link.id);
    }

    public synchronized void addTransport(long serviceId, Transport transport, Map<String, Object> props) {
        openOrDefer(serviceId, () -> openTransport(serviceId, transport, props));
    }

    private void openTransport(long serviceId, Transport transport, Map<String, Object> props) {
        String id = instanceId(props, Transport.ID, serviceId);
        TransportLink link = new TransportLink(router, id, text(props, Transport.KIND, "unknown"), transport);
        transports.put(serviceId, link);
        LOG.debug("clasp.router: transport {} bound", id);
        link.open(pool, timer);
    }

    public void removeTransport(long serviceId) {
        synchronized (this) {
            waiting.remove(serviceId);
        }
        TransportLink link = transports.remove(serviceId);
        if (link == null) return;
        LOG.debug("clasp.router: transport {} unbound", link.id);
        link.close(pool);
    }

    private void checkBridges() {
        long now = System.nanoTime();
        for (BridgeLink l : bridges.values()) l.check(now);
        bridgePool.check(now);
    }

    /** The threads the bridge pool may run now (configured plus lent for blocked bridges); 0 before start. */
    public int bridgeThreadLimit() {
        BridgePool p = bridgePool;
        return p == null ? 0 : p.threadLimit();
    }

    public List<BridgeInfo> bridges() {
        List<BridgeInfo> out = new ArrayList<>();
        for (BridgeLink l : bridges.values()) out.add(l.info());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    public List<TransportInfo> transports() {
        List<TransportInfo> out = new ArrayList<>();
        for (TransportLink l : transports.values()) out.add(l.info());
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    /** Key under which the binding code passes the registering bundle's symbolic name. */
    public static final String BUNDLE = "clasp.router.bundle";

    /** The id property, else the factory configuration's name (after '~' in service.pid), else the service id. */
    static String instanceId(Map<String, Object> props, String key, long serviceId) {
        String id = text(props, key, "");
        if (!id.isEmpty()) return id;
        String pid = text(props, "service.pid", "");
        int tilde = pid.lastIndexOf('~');
        return tilde >= 0 ? pid.substring(tilde + 1) : "service-" + serviceId;
    }

    /** {@link Bridge#SCOPES} as given (String[], a collection, or one String split at commas and blanks); none: {@link Principal#EVERYTHING}. */
    public static Set<String> scopes(Object value) {
        Set<String> scopes = new LinkedHashSet<>();
        if (value instanceof String[] array) {
            for (String s : array) addScopes(scopes, s);
        } else if (value instanceof Collection<?> collection) {
            for (Object s : collection) addScopes(scopes, String.valueOf(s));
        } else if (value != null) {
            addScopes(scopes, value.toString());
        }
        return scopes.isEmpty() ? Principal.EVERYTHING : scopes;
    }

    private static void addScopes(Set<String> scopes, String text) {
        if (text == null) return;
        for (String s : text.split("[,\\s]+")) if (!s.isEmpty()) scopes.add(s);
    }

    private static String bundleOf(Map<String, Object> props) { return text(props, BUNDLE, ""); }

    private static String text(Map<String, Object> props, String key, String fallback) {
        Object v = props == null ? null : props.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString();
    }
}
