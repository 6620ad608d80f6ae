package clasp.router.internal;

import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.hook.HookRegistry;
import clasp.router.internal.hook.RankedHooks;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.plugin.PluginHost;
import clasp.router.internal.plugin.PluginThreads;
import clasp.router.internal.session.LocalSessionImpl;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.Refusals;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionGate;
import clasp.router.internal.session.TrafficCounters;
import clasp.api.bridge.Bridge;
import clasp.api.message.SignalDefinition;
import clasp.api.router.BridgeInfo;
import clasp.api.router.HookInfo;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import clasp.api.router.RouterMetrics;
import clasp.api.router.RouterStats;
import clasp.api.router.SessionInfo;
import clasp.api.router.StoreInfo;
import clasp.api.router.TransportInfo;
import clasp.protocol.transport.Connection;
import clasp.protocol.transport.ConnectionHandler;
import clasp.protocol.transport.Transport;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Principal;
import clasp.api.auth.Authoriser;
import clasp.api.hook.SnapshotFilter;
import clasp.api.hook.ValueTransform;
import clasp.api.hook.WriteValidator;
import clasp.api.store.Journal;
import clasp.api.store.ParamStore;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router as a DS component: the {@link Router} service for bundles, and the whiteboard that opens every
 * registered {@link Transport} and {@link Bridge}. Params live in the highest-ranked {@link ParamStore} service and
 * requests are decided by the highest-ranked {@link Authoriser} (the built-in in-memory store and allow-all
 * authoriser rank lowest); a better-ranked one registered while running takes over at once (see
 * {@link RouterCore#useStore} for what happens to the params). All timing runs on one {@link RouterClock}.
 */
@Component(service = Router.class, configurationPid = "clasp.router", immediate = true)
@Designate(ocd = RouterConfig.class)
public final class RouterComponent implements Router {
    private static final Logger LOG = LoggerFactory.getLogger(RouterComponent.class);
    public static final ConnectionHandler REFUSED = new ConnectionHandler() {
        @Override public void frameReceived(ByteBuf frame) { }
        @Override public void writable() { }
        @Override public void closed() { }
    };

    /** How often refusals and overloads are logged, each kind with its count. */
    static final long REFUSAL_REPORT_SECONDS = 10;
    /** The service property that names a write hook instance (as the shell's {@code clasp.hook} commands set it). */
    static final String HOOK_ID = "clasp.hook.id";

    private final PluginHost plugins = new PluginHost();
    private final HookRegistry hooks = new HookRegistry();
    private volatile RouterCore core;
    private volatile ParamStore store;
    private volatile Authoriser authoriser;
    private volatile Authenticator authenticator;   // null: open mode
    private volatile Journal journal;
    private ThreadPoolExecutor listeners;
    private SessionGate gate;
    private TimerClock clock;
    private RouterClock.Timeout reaping;   // guarded by this, as are the two below
    private RouterClock.Timeout rating;
    private RouterClock.Timeout reporting;
    private boolean running;
    private volatile long inPerSecond;
    private volatile long outPerSecond;
    private long lastIn;
    private long lastOut;

    @Activate
    void activate(RouterConfig config, Map<String, Object> properties) {
        start(RouterSettings.of(RouterProfile.resolve(config, properties)));
    }

    /** Starts with explicit settings (the component's configuration, or a test's), on the bound store and authoriser. */
    public void start(RouterSettings settings) {
        clock = new TimerClock();
        // The clock's thread also does housekeeping: cleanups a delivery path decided under a lock.
        core = new RouterCore(settings, store, authoriser, clock, clock.executor(), hooks);
        core.useJournal(journal);
        core.useAuthenticator(authenticator);   // before any transport can reach this router
        gate = new SessionGate(settings.maxHandshaking(), settings.maxSessions());
        int listenerThreads = Math.max(1, settings.listenerThreads());
        listeners = new ThreadPoolExecutor(listenerThreads, listenerThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), PluginThreads.named("clasp-router-listener"));
        listeners.allowCoreThreadTimeOut(true);
        synchronized (this) {
            running = true;
        }
        scheduleRates();
        scheduleRefusalReport();
        scheduleReaper(settings);
        plugins.start(this, clock, settings.bridgeThreads());
    }

    /** Starts on the in-memory store and the allow-all authoriser (tests outside a framework). */
    public void startStandalone(RouterSettings settings) {
        bindStore(new MemoryParamStore());
        bindAuthoriser(new OpenAuthoriser());
        start(settings);
    }

    // ---- the SPIs: mandatory, dynamic, greedy (DS binds a better-ranked service, then unbinds the one it replaces)

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(ParamStore s) {
        store = s;
        RouterCore c = core;
        if (c != null) {
            c.useStore(s);
            LOG.info("clasp.router: params now live in {}", s.getClass().getName());
        }
    }

    void unbindStore(ParamStore s) { }   // a replacement was bound first; a last store going deactivates the router

    /** The journal REPLAY reads: optional (without one REPLAY gets ERROR 501), the best-ranked one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindJournal(Journal j) {
        journal = j;
        RouterCore c = core;
        if (c != null) {
            c.useJournal(j);
            LOG.info("clasp.router: accepted writes now journalled in {}", j.getClass().getName());
        }
    }

    void unbindJournal(Journal j) {
        if (journal != j) return;   // a replacement was bound first
        journal = null;
        RouterCore c = core;
        if (c != null) {
            c.useJournal(null);
            LOG.info("clasp.router: no journal: REPLAY is refused (501) until one is installed");
        }
    }

    @Reference(policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthoriser(Authoriser a) {
        authoriser = a;
        RouterCore c = core;
        if (c != null) {
            c.useAuthoriser(a);
            LOG.info("clasp.router: requests now authorised by {}", a.getClass().getName());
        }
    }

    void unbindAuthoriser(Authoriser a) { }

    /**
     * Authenticated mode while an {@link Authenticator} is registered. Binding one, a change of its
     * {@link Authenticator#GENERATION} property, or a replacement makes the router check every session again and
     * close those whose credentials no longer hold; unbinding the last returns to open mode (sessions stay).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "authenticatorUpdated")
    void bindAuthenticator(Authenticator a) {
        authenticator = a;
        RouterCore c = core;
        if (c != null) {
            c.useAuthenticator(a);
            LOG.info("clasp.router: authenticated mode: HELLOs are checked by {}", a.getClass().getName());
            revalidateLater(c);
        }
    }

    void authenticatorUpdated(Authenticator a) {
        RouterCore c = core;
        if (c != null && authenticator == a) revalidateLater(c);
    }

    void unbindAuthenticator(Authenticator a) {
        if (authenticator != a) return;   // a replacement was bound first
        authenticator = null;
        RouterCore c = core;
        if (c != null) {
            c.useAuthenticator(null);
            LOG.info("clasp.router: open mode: HELLOs are no longer checked");
        }
    }

    /** Checks the sessions on the housekeeping thread, not on the thread that changed the service. */
    private static void revalidateLater(RouterCore c) {
        try {
            c.housekeeping().execute(() -> {
                int closed = c.revalidate();
                if (closed > 0) LOG.info("clasp.router: closed {} sessions whose credentials no longer hold", closed);
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stopping: the sessions go anyway
        }
    }

    /** A changed configuration applies at once; sessions, params, locks and plugins stay. */
    @Modified
    void modified(RouterConfig config, Map<String, Object> properties) {
        reconfigure(RouterSettings.of(RouterProfile.resolve(config, properties)));
    }

    void reconfigure(RouterSettings settings) {
        core.reconfigure(settings);
        gate.limits(settings.maxHandshaking(), settings.maxSessions());
        resize(listeners, settings.listenerThreads());
        plugins.bridgeThreads(settings.bridgeThreads());
        scheduleReaper(settings);
        LOG.info("clasp.router: configuration applied: {}", settings);
    }

    /**
     * The reaper (D4) at the period the settings give, one run at a time on the clock: often enough that an idle
     * session goes within 1.25 timeouts and a stalled one within 1.5 stall bounds.
     */
    private synchronized void scheduleReaper(RouterSettings settings) {
        if (reaping != null) reaping.cancel();
        if (!running) return;
        long every = reaperPeriodSeconds(settings);
        reaping = clock.schedule(every, TimeUnit.SECONDS, () -> {
            reap();
            scheduleReaper(core.settings());
        });
    }

    /** Every max(timeout/4, 10) s for idle sessions, but at least every max(stall bound/2, 1) s. */
    static long reaperPeriodSeconds(RouterSettings settings) {
        long idle = settings.sessionTimeoutSeconds() > 0 ? Math.max(settings.sessionTimeoutSeconds() / 4, 10) : Long.MAX_VALUE;
        long stall = Math.max(settings.stallTimeoutSeconds() / 2, 1);
        return Math.min(idle, stall);
    }

    private synchronized void scheduleRates() {
        if (!running) return;
        rating = clock.schedule(1, TimeUnit.SECONDS, () -> {
            measureRates();
            scheduleRates();
        });
    }

    /** Refusals and overloads are logged once per period, each kind with its count. */
    private synchronized void scheduleRefusalReport() {
        if (!running) return;
        reporting = clock.schedule(REFUSAL_REPORT_SECONDS, TimeUnit.SECONDS, () -> {
            core.refusals().report(REFUSAL_REPORT_SECONDS);
            scheduleRefusalReport();
        });
    }

    private static void resize(ThreadPoolExecutor pool, int threads) {
        int n = Math.max(1, threads);
        if (n > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(n);
            pool.setCorePoolSize(n);
        } else {
            pool.setCorePoolSize(n);
            pool.setMaximumPoolSize(n);
        }
    }

    /** DS deactivation (bundle stopped or updated, or a refresh): says what is dropped, then ends every thread. */
    @Deactivate
    void deactivate(int reason) {
        RouterStats now = core.stats(0, 0);
        if (now.params() > 0 || now.sessions() > 0) {
            if (core.store() instanceof MemoryParamStore) {
                LOG.warn("clasp.router: stopping ({}): dropping {} params and closing {} sessions; params are held in memory "
                        + "only and are gone when the router starts again", why(reason), now.params(), now.sessions());
            } else {
                LOG.warn("clasp.router: stopping ({}): closing {} sessions; its {} params stay in {}", why(reason),
                        now.sessions(), now.params(), core.store().getClass().getName());
            }
        }
        deactivate();
    }

    /** Closes every session and plugin and ends every thread the router started. */
    public void deactivate() {
        plugins.stop();
        for (Session s : core.sessions()) {
            if (s instanceof NetworkSession n) n.close(Connection.CLOSE_GOING_AWAY, "router stopping");
            else if (s instanceof LocalSessionImpl l) l.close();
            else core.remove(s);
        }
        synchronized (this) {
            running = false;
            if (reaping != null) reaping.cancel();
            if (rating != null) rating.cancel();
            if (reporting != null) reporting.cancel();
        }
        core.stop();
        clock.stop();
        listeners.shutdownNow();
        try {
            listeners.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The DS deactivation reason in words (Declarative Services 1.1 reason codes). */
    static String why(int reason) {
        return switch (reason) {
            case 1 -> "component disabled";
            case 2 -> "a required reference went away";
            case 3 -> "its configuration changed";
            case 4 -> "its configuration was deleted";
            case 5 -> "disposed";
            case 6 -> "its bundle was stopped, updated or refreshed";
            default -> "deactivated";
        };
    }

    public RouterCore core() { return core; }

    // ---- whiteboard: DS calls these for every Bridge and Transport service, before and after activation

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBridge(Bridge bridge, ServiceReference<Bridge> ref) { plugins.addBridge(serviceId(ref), bridge, props(ref)); }

    void removeBridge(Bridge bridge, ServiceReference<Bridge> ref) { plugins.removeBridge(serviceId(ref)); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTransport(Transport transport, ServiceReference<Transport> ref) {
        plugins.addTransport(serviceId(ref), transport, props(ref));
    }

    void removeTransport(Transport transport, ServiceReference<Transport> ref) { plugins.removeTransport(serviceId(ref)); }

    public PluginHost plugins() { return plugins; }

    // ---- whiteboard: write hooks, in service.ranking order; a changed ranking re-sorts (and re-enables) a hook

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "addWriteValidator")
    void addWriteValidator(WriteValidator v, ServiceReference<WriteValidator> ref) { add(hooks.validators, v, ref); }

    void removeWriteValidator(WriteValidator v, ServiceReference<WriteValidator> ref) { hooks.validators.remove(serviceId(ref)); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "addValueTransform")
    void addValueTransform(ValueTransform t, ServiceReference<ValueTransform> ref) { add(hooks.transforms, t, ref); }

    void removeValueTransform(ValueTransform t, ServiceReference<ValueTransform> ref) { hooks.transforms.remove(serviceId(ref)); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, updated = "addSnapshotFilter")
    void addSnapshotFilter(SnapshotFilter f, ServiceReference<SnapshotFilter> ref) { add(hooks.filters, f, ref); }

    void removeSnapshotFilter(SnapshotFilter f, ServiceReference<SnapshotFilter> ref) { hooks.filters.remove(serviceId(ref)); }

    private static <T> void add(RankedHooks<T> list, T hook, ServiceReference<T> ref) {
        Object ranking = ref.getProperty(Constants.SERVICE_RANKING);
        Object id = ref.getProperty(HOOK_ID);
        list.add(serviceId(ref), ranking instanceof Integer r ? r : 0, hook, id == null ? null : id.toString(),
                ref.getBundle() == null ? "" : ref.getBundle().getSymbolicName());
    }

    /** The registered write hooks. */
    public HookRegistry hookRegistry() { return hooks; }

    @Override public List<HookInfo> hooks() { return hooks.info(); }

    private static long serviceId(ServiceReference<?> ref) { return (Long) ref.getProperty(Constants.SERVICE_ID); }

    private static Map<String, Object> props(ServiceReference<?> ref) {
        Map<String, Object> p = new HashMap<>();
        for (String k : ref.getPropertyKeys()) p.put(k, ref.getProperty(k));
        if (ref.getBundle() != null) p.put(PluginHost.BUNDLE, ref.getBundle().getSymbolicName());
        return p;
    }

    // ---- connections and sessions

    /** D4: closes sessions idle past the timeout and sessions stalled past the stall bound. */
    void reap() {
        long now = System.nanoTime();
        long idle = core.settings().sessionTimeoutSeconds() * 1_000_000_000L;
        for (Session s : core.sessions()) {
            if (!(s instanceof NetworkSession n)) continue;
            if (idle > 0 && now - n.connection().lastActivityNanos() > idle) n.close(Connection.CLOSE_NORMAL, "idle timeout");
            else if (n.stalled(now)) n.stopSlow();
        }
    }

    private void measureRates() {
        long in = core.framesIn.sum();
        long out = core.framesOut.sum();
        inPerSecond = in - lastIn;
        outPerSecond = out - lastOut;
        lastIn = in;
        lastOut = out;
    }

    /** A connection from a transport, counted in {@code counters}. */
    public ConnectionHandler accept(Connection connection, TrafficCounters counters) {
        if (!gate.enter()) {
            core.refusals().count(Refusals.Kind.HANDSHAKE_LIMIT);
            connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too many connections in handshake");
            return REFUSED;
        }
        NetworkSession s = new NetworkSession(core, connection, gate, counters);
        s.helloTimeout(clock.schedule(core.settings().helloTimeoutSeconds(), TimeUnit.SECONDS, s::helloTimedOut));
        return s;
    }

    /** A connection handed over directly, as tests do. */
    public ConnectionHandler accept(Connection connection) { return accept(connection, TrafficCounters.NONE); }

    @Override
    public LocalSession openSession(String name, boolean echo) { return openSession(name, echo, Principal.EVERYTHING); }

    @Override
    public LocalSession openSession(String name, boolean echo, Set<String> scopes) {
        // Listeners share the router's pool; each session is a strand on it, so its messages stay in order.
        LocalSessionImpl s = new LocalSessionImpl(core, name, echo, listeners, LocalSessionImpl.LOG_FAILURE, () -> { });
        s.principal(new Principal("local:" + name, scopes.isEmpty() ? Principal.EVERYTHING : scopes));
        core.register(s);
        return s;
    }

    @Override public Optional<ParamState> param(String address) { return Optional.ofNullable(core.param(address)); }

    @Override public List<ParamState> params(String pattern) { return core.params(pattern); }

    @Override public int removeParams(String pattern) { return core.removeParams(pattern); }

    @Override public List<SignalDefinition> signals(String pattern) { return core.signals(pattern); }

    @Override
    public StoreInfo store() {
        ParamStore st = core.store();
        Journal j = core.journal();
        return new StoreInfo(st instanceof MemoryParamStore ? "memory only: params are lost when the router stops"
                : st.describe(), st.persistent(), j == null ? null : j.describe());
    }

    @Override public RouterStats stats() { return core.stats(inPerSecond, outPerSecond); }

    @Override public RouterMetrics metrics() { return core.metrics(); }

    @Override
    public List<SessionInfo> sessions() {
        List<SessionInfo> out = new ArrayList<>();
        for (Session s : core.sessions()) {
            if (s instanceof NetworkSession n) out.add(n.info());
            else if (s instanceof LocalSessionImpl l) out.add(l.info());
        }
        out.sort((a, b) -> Long.compare(a.sinceMicros(), b.sinceMicros()));
        return out;
    }

    @Override
    public boolean closeSession(String sessionId, String reason) {
        for (Session s : core.sessions()) {
            if (!s.id().equals(sessionId)) continue;
            if (s instanceof NetworkSession n) n.close(Connection.CLOSE_POLICY, reason);
            else if (s instanceof LocalSessionImpl l) l.close();
            return true;
        }
        return false;
    }

    @Override public List<BridgeInfo> bridges() { return plugins.bridges(); }

    @Override public List<TransportInfo> transports() { return plugins.transports(); }
}
