package clasp.discovery.internal;

import clasp.api.discovery.Announcement;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery without OSGi: on its own thread ({@code clasp-discovery}) it checks the interfaces and the router's
 * listeners every {@code rescanSeconds} (and at once when an announcement comes or goes), keeps the mDNS
 * announcements in step and runs the broadcast responder. {@link #start} returns at once; {@link #stop} withdraws
 * everything and returns when every thread and socket it made is gone.
 */
final class Discovery {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    private final DiscoverySettings settings;
    private final Supplier<List<TransportInfo>> transports;
    private final Supplier<String> routerName;
    private final InterfaceSource interfaces;
    private final Path idFile;
    private final LongSupplier nanoClock;
    private final Map<Object, Announcement> whiteboard = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "clasp-discovery");
        t.setDaemon(true);
        return t;
    });
    // Touched on the discovery thread only, and by stop() once that thread has ended.
    private MdnsAnnouncer mdns;
    private BroadcastResponder responder;
    private String responderProblem;
    private volatile BroadcastResponder.Identity identity;

    Discovery(DiscoverySettings settings, Supplier<List<TransportInfo>> transports, Supplier<String> routerName,
              InterfaceSource interfaces, Path idFile, LongSupplier nanoClock) {
        this.settings = settings;
        this.transports = transports;
        this.routerName = settings.name().isEmpty() ? routerName : settings::name;
        this.interfaces = interfaces;
        this.idFile = idFile;
        this.nanoClock = nanoClock;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::scan, 0, settings.rescanSeconds(), TimeUnit.SECONDS);
    }

    /** Announces {@code a} (under {@code key}) from the next scan on, which is started now. */
    void add(Object key, Announcement a) {
        Announcement copy;
        try {
            copy = Announcement.of(a.serviceType(), a.instanceName(), a.port(), a.txt());
        } catch (RuntimeException e) {
            LOG.warn("{}: an Announcement could not be read and is not announced: {}", DiscoverySettings.PID, Problems.describe(e));
            whiteboard.remove(key);
            scanSoon();
            return;
        }
        if (!Announcement.valid(copy)) {
            LOG.warn("{}: not announced, it breaks the Announcement rules: {}", DiscoverySettings.PID, copy);
            whiteboard.remove(key);
        } else {
            whiteboard.put(key, copy);
        }
        scanSoon();
    }

    void remove(Object key) {
        if (whiteboard.remove(key) != null) scanSoon();
    }

    /** The port the broadcast responder answers on, -1 while it does not run. */
    int broadcastPort() {
        BroadcastResponder r = responder;
        return r == null ? -1 : r.port();
    }

    BroadcastResponder responder() {
        return responder;
    }

    /** Withdraws every announcement and releases every thread and socket; returns when they are gone. */
    void stop() {
        thread.shutdownNow();
        boolean interrupted = false;
        while (!thread.isTerminated()) {
            try {
                thread.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (mdns != null) mdns.close();
        if (responder != null) responder.stop();
        if (interrupted) Thread.currentThread().interrupt();
    }

    private void scanAfter(long nanos) {
        try {
            thread.schedule(this::scan, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            // stopping
        }
    }

    private void scanSoon() {
        try {
            thread.execute(this::scan);
        } catch (RejectedExecutionException stopped) {
            // stopping: everything is withdrawn anyway
        }
    }

    private void scan() {
        try {
            if (identity == null && !resolveIdentity()) return;
            List<Listeners.Endpoint> endpoints = Listeners.endpoints(transports.get(), Set.copyOf(settings.kinds()));
            identity = new BroadcastResponder.Identity(identity.routerId(), routerName.get(), endpoints);
            if (settings.broadcast() && responder == null) startResponder();
            if (settings.mdns()) {
                if (mdns == null) mdns = new MdnsAnnouncer(hostName(), nanoClock);
                Set<Announcement> others = Set.copyOf(whiteboard.values());
                String name = identity.name();
                String id = identity.routerId();
                boolean waiting = mdns.reconcile(addresses(), address -> {
                    List<Listeners.Endpoint> here = endpoints.stream().filter(e -> e.reachableAt(address)).toList();
                    Set<Announcement> wanted = new LinkedHashSet<>(Listeners.announcements(here, name, id));
                    wanted.addAll(others);
                    return wanted;
                });
                if (waiting) scanAfter(MdnsAnnouncer.REANNOUNCE_DELAY_NANOS);
            }
        } catch (RuntimeException e) {
            LOG.error("{}: scan failed; trying again at the next one", DiscoverySettings.PID, e);
        }
    }

    private boolean resolveIdentity() {
        String id = settings.routerId();
        if (id.isEmpty()) {
            try {
                id = RouterIdentity.load(idFile);
            } catch (IOException e) {
                LOG.error("{}: cannot keep the router id in {}: {}; set routerId", DiscoverySettings.PID, idFile, Problems.describe(e));
                return false;
            }
        }
        identity = new BroadcastResponder.Identity(id, routerName.get(), List.of());
        LOG.info("{}: router id {}, name '{}'", DiscoverySettings.PID, id, identity.name());
        return true;
    }

    private void startResponder() {
        try {
            responder = BroadcastResponder.start(settings.broadcastBind(), settings.broadcastPort(), settings.repliesPerSecond(),
                    settings.maxSources(), nanoClock, () -> identity);
            responderProblem = null;
        } catch (SocketException | RuntimeException e) {
            String problem = Problems.describe(e);
            if (!problem.equals(responderProblem)) {
                LOG.warn("{}: cannot answer broadcast discovery on udp {}:{}: {}; trying again at each rescan",
                        DiscoverySettings.PID, settings.broadcastBind(), settings.broadcastPort(), problem);
            }
            responderProblem = problem;
        }
    }

    private List<InetAddress> addresses() {
        try {
            return interfaces.addresses();
        } catch (SocketException e) {
            LOG.warn("{}: cannot list the network interfaces: {}", DiscoverySettings.PID, Problems.describe(e));
            return mdns.addresses().stream().toList();
        }
    }

    private String hostName() {
        String name = settings.hostName();
        if (name.isEmpty()) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "";
            }
        }
        int dot = name.indexOf('.');
        name = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9-]", "-");
        return name.isEmpty() ? "clasp-router" : Listeners.fit(name, 63);
    }
}
