package clasp.discovery.internal;

import clasp.api.discovery.Announcement;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One jmdns responder per interface address, each announcing the wanted services. Not thread-safe: the discovery
 * thread calls {@link #reconcile} and, once it has stopped, {@link #close}.
 */
final class MdnsAnnouncer {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsAnnouncer.class);

    /**
     * How long a service name withdrawn on a responder is not announced there again: jmdns keeps the withdrawn SRV
     * record for a second after its goodbye, and would take the new one for a conflict and rename it ("name (2)").
     */
    static final long REANNOUNCE_DELAY_NANOS = 2_000_000_000L;

    private final String hostName;
    private final java.util.function.LongSupplier nanoClock;
    private final Map<InetAddress, Responder> responders = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    private static final class Responder {
        final JmDNS jmdns;
        final Map<Announcement, ServiceInfo> announced = new HashMap<>();
        final Map<String, Long> withdrawnAt = new HashMap<>();

        Responder(JmDNS jmdns) { this.jmdns = jmdns; }
    }

    MdnsAnnouncer(String hostName, java.util.function.LongSupplier nanoClock) {
        this.hostName = hostName;
        this.nanoClock = nanoClock;
    }

    /**
     * Announces on exactly {@code addresses} what {@code wanted} gives for each: withdraws what is no longer wanted,
     * closes what is gone.
     *
     * @return whether something wanted waits for {@link #REANNOUNCE_DELAY_NANOS} (call again after it)
     */
    boolean reconcile(List<InetAddress> addresses, java.util.function.Function<InetAddress, Set<Announcement>> wanted) {
        for (Iterator<Map.Entry<InetAddress, Responder>> it = responders.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetAddress, Responder> e = it.next();
            if (!addresses.contains(e.getKey())) {
                LOG.info("{}: {} is gone; withdrawing its announcements", DiscoverySettings.PID, e.getKey().getHostAddress());
                it.remove();
                closeQuietly(e.getValue());
            }
        }
        boolean waiting = false;
        for (InetAddress address : addresses) {
            Responder r = responders.get(address);
            if (r == null && (r = open(address)) == null) continue;
            waiting |= update(address, r, wanted.apply(address));
        }
        return waiting;
    }

    private Responder open(InetAddress address) {
        try {
            Responder r = new Responder(JmDNS.create(address, hostName));
            responders.put(address, r);
            reported.remove("open " + address);
            LOG.info("{}: mDNS on {} as {}.local.", DiscoverySettings.PID, address.getHostAddress(), hostName);
            return r;
        } catch (IOException | RuntimeException e) {
            reportOnce("open " + address, "cannot start mDNS on " + address.getHostAddress() + ": " + Problems.describe(e));
            return null;
        }
    }

    private boolean update(InetAddress address, Responder r, Set<Announcement> wanted) {
        long now = nanoClock.getAsLong();
        r.withdrawnAt.values().removeIf(at -> now - at >= REANNOUNCE_DELAY_NANOS);
        for (Iterator<Map.Entry<Announcement, ServiceInfo>> it = r.announced.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Announcement, ServiceInfo> e = it.next();
            if (!wanted.contains(e.getKey())) {
                it.remove();
                r.jmdns.unregisterService(e.getValue());
                r.withdrawnAt.put(nameKey(e.getKey()), nanoClock.getAsLong());
                LOG.debug("{}: withdrew {} on {}", DiscoverySettings.PID, e.getValue().getQualifiedName(), address.getHostAddress());
            }
        }
        boolean waiting = false;
        for (Announcement a : wanted) {
            if (r.announced.containsKey(a)) continue;
            if (r.withdrawnAt.containsKey(nameKey(a))) {
                waiting = true;
                continue;
            }
            ServiceInfo info = ServiceInfo.create(a.serviceType() + ".local.", a.instanceName(), a.port(), 0, 0, a.txt());
            try {
                r.jmdns.registerService(info);
                r.announced.put(a, info);
                reported.remove("register " + a);
                LOG.info("{}: announcing {} port {} on {}", DiscoverySettings.PID, info.getQualifiedName(), a.port(),
                        address.getHostAddress());
            } catch (IOException | RuntimeException e) {
                reportOnce("register " + a, "cannot announce " + a.instanceName() + " " + a.serviceType() + ": " + Problems.describe(e));
            }
        }
        return waiting;
    }

    private static String nameKey(Announcement a) {
        return a.instanceName().toLowerCase(java.util.Locale.ROOT) + "." + a.serviceType().toLowerCase(java.util.Locale.ROOT);
    }

    /** Addresses with a running responder. */
    Set<InetAddress> addresses() {
        return Set.copyOf(responders.keySet());
    }

    /** Withdraws everything and stops every responder, in parallel (each takes seconds to say goodbye). */
    void close() {
        List<Thread> closers = new ArrayList<>();
        for (Map.Entry<InetAddress, Responder> e : responders.entrySet()) {
            Thread t = new Thread(() -> closeQuietly(e.getValue()), "clasp-discovery-close-" + e.getKey().getHostAddress());
            t.start();
            closers.add(t);
        }
        responders.clear();
        boolean interrupted = false;
        for (Thread t : closers) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void closeQuietly(Responder r) {
        try {
            r.jmdns.unregisterAllServices();
            r.jmdns.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: closing an mDNS responder: {}", DiscoverySettings.PID, Problems.describe(e));
        }
    }

    private void reportOnce(String key, String message) {
        if (reported.add(key)) LOG.warn("{}: {}; trying again at each rescan", DiscoverySettings.PID, message);
    }
}
