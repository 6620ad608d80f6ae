package clasp.runtime.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;

/**
 * Logs the ready line once every listener the configuration folder asks for accepts clients, i.e. the router
 * shows each of them ONLINE with its endpoint. It looks every {@value #FAST_MS} ms on its own thread (the
 * router has no event for a transport's state), then, after {@link #PATIENCE} or once a listener FAILED, says
 * at WARN which listeners are missing and looks every second until they come. It stops after the ready line.
 * It starts with the runtime bundle, before the router: the start levels above it do not delay the line.
 * It runs {@code settled} once, on its thread, at the ready line or at the first report of missing listeners, or
 * after {@link #SETTLE_AT} at the latest (the runtime then starts the shell's start level).
 * Its state belongs to its one thread; {@link #close} may come from any thread.
 */
final class ReadinessWatch implements AutoCloseable {
    static final long FAST_MS = 10;
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final Duration SETTLE_AT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(ReadinessWatch.class);

    private final Path etc;
    private final ServiceTracker<Router, Router> router;
    private final Runnable settled;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clasp-runtime-ready");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> warned = new HashSet<>();
    private Instant watchingSince;
    private boolean slow;
    private boolean hasSettled;

    ReadinessWatch(BundleContext context, Path etc, Runnable settled) {
        this.etc = etc;
        this.router = new ServiceTracker<>(context, Router.class, null);
        this.settled = settled;
    }

    /** Starts watching; returns at once. */
    void start() {
        router.open();
        watchingSince = Instant.now();
        thread.execute(this::look);
        thread.schedule(this::settle, SETTLE_AT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void settle() {
        if (hasSettled) return;
        hasSettled = true;
        try {
            settled.run();
        } catch (RuntimeException e) {
            LOG.error("Cannot complete the runtime's start", e);
        }
    }

    private void look() {
        try {
            if (lookOnce()) return;
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the listeners' state yet: {}", e.toString()); // e.g. the router being replaced
        }
        try {
            thread.schedule(this::look, slow ? 1000 : FAST_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the runtime is stopping
        }
    }

    /** One look; true once the ready line is logged. */
    private boolean lookOnce() {
        Router r = router.getService();
        // Until the router starts there is nothing to compare: the folder is read once it is there.
        Set<ConfiguredListeners.Listener> wanted = r == null ? Set.of() : ConfiguredListeners.in(etc);
        Map<ConfiguredListeners.Listener, TransportInfo> online = new TreeMap<>();
        Map<String, String> missing = new TreeMap<>();
        List<TransportInfo> transports = r == null ? List.of() : r.transports();
        if (r == null) missing.put("the router", "not started");
        for (ConfiguredListeners.Listener wish : wanted) {
            TransportInfo t = transports.stream().filter(i -> i.id().equals(wish.id()) && i.kind().equals(wish.kind()))
                    .findFirst().orElse(null);
            if (t != null && t.state() == PluginState.ONLINE && !t.endpoint().isEmpty()) {
                online.put(wish, t);
            } else {
                missing.put(wish.kind() + " listener " + wish.id(), t == null ? "not registered with the router" : t.state() + " (" + t.detail() + ")");
            }
        }
        if (missing.isEmpty()) {
            LOG.info(RuntimeStatus.ready(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()), online.values()));
            settle();
            thread.shutdownNow(); // the ready line is the last thing this thread does
            return true;
        }
        boolean failed = missing.values().stream().anyMatch(s -> s.startsWith(PluginState.FAILED.name()));
        if (failed || Duration.between(watchingSince, Instant.now()).compareTo(PATIENCE) > 0) {
            String report = RuntimeStatus.notReady(missing);
            if (warned.add(report)) LOG.warn(report);
            slow = true;
            settle();
        }
        return false;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        router.close();
    }
}
