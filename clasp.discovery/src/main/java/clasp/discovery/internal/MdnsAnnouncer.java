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

    private final String hostName;
    private final Map<InetAddress, Responder> responders = new HashMap<>();
    private final Set<String> reported = new HashSet<>();

    private static final class Responder {
        final JmDNS jmdns;
        final Map<Announcement, ServiceInfo> announced = new HashMap<>();

        Responder(JmDNS jmdns) { this.jmdns = jmdns; }
    }

    MdnsAnnouncer(String hostName) {
        this.hostName = hostName;
    }

    /**
     * Announces on exactly {@code addresses} what {@code wanted} gives for each: withdraws what is no longer wanted,
     * closes what is gone.
     */
    void reconcile(List<InetAddress> addresses, java.util.function.Function<InetAddress, Set<Announcement>> wanted) {
        for (Iterator<Map.Entry<InetAddress, Responder>> it = responders.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<InetAddress, Responder> e = it.next();
            if (!addresses.contains(e.getKey())) {
                LOG.info("{}: {} is gone; withdrawing its announcements", DiscoverySettings.PID, e.getKey().getHostAddress());
                it.remove();
                closeQuietly(e.getValue());
            }
        }
        for (InetAddress address : addresses) {
            Responder r = responders.get(address);
            if (r == null && (r = open(address)) == null) continue;
            update(address, r, wanted.apply(address));
        }
    }

    private Responder open(InetAddress address) {
        try {
            Responder r = new Responder(JmDNS.create(address, hostName));
            responders.put(address, r);
            reported.remove("open " + address);
            LOG.info("{}: mDNS on {} as {}.local.", DiscoverySettings.PID, address.getHostAddress(), hostName);
            return r;
        } catch (IOException | RuntimeException e) {
            reportOnce("open " + address, "cannot start mDNS on " + address.getHostAddress() + ": " + e);
            return null;
        }
    }

    private void update(InetAddress address, Responder r, Set<Announcement> wanted) {
        for (Iterator<Map.Entry<Announcement, ServiceInfo>> it = r.announced.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Announcement, ServiceInfo> e = it.next();
            if (!wanted.contains(e.getKey())) {
                it.remove();
                r.jmdns.unregisterService(e.getValue());
                LOG.debug("{}: withdrew {} on {}", DiscoverySettings.PID, e.getValue().getQualifiedName(), address.getHostAddress());
            }
        }
        for (Announcement a : wanted) {
            if (r.announced.containsKey(a)) continue;
            ServiceInfo info = ServiceInfo.create(a.serviceType() + ".local.", a.instanceName(), a.port(), 0, 0, a.txt());
            try {
                r.jmdns.registerService(info);
                r.announced.put(a, info);
                reported.remove("register " + a);
                LOG.info("{}: announcing {} port {} on {}", DiscoverySettings.PID, info.getQualifiedName(), a.port(),
                        address.getHostAddress());
            } catch (IOException | RuntimeException e) {
                reportOnce("register " + a, "cannot announce " + a.instanceName() + " " + a.serviceType() + ": " + e);
            }
        }
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
            LOG.debug("{}: closing an mDNS responder: {}", DiscoverySettings.PID, e.toString());
        }
    }

    private void reportOnce(String key, String message) {
        if (reported.add(key)) LOG.warn("{}: {}; trying again at each rescan", DiscoverySettings.PID, message);
    }
}
