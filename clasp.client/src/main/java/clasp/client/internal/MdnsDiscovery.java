package clasp.client.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Browses {@code _clasp._tcp} with jmdns on each chosen interface address (every non-loopback IPv4 interface that
 * is up, or the loopback ones when no other is), keeping the latest resolution of every service. Loaded only when
 * jmdns is on the class path ({@link MdnsSupport#available()}).
 */
final class MdnsDiscovery {
    static final String TYPE = "_clasp._tcp.local.";
    private static final List<String> SCHEME_KEYS = List.of("ws", "wss", "tcp", "tcps", "tls", "udp", "quic");

    private final List<JmDNS> browsers = new ArrayList<>();
    private final Map<String, ServiceInfo> resolved = new ConcurrentHashMap<>();

    private final ServiceListener listener = new ServiceListener() {
        @Override public void serviceAdded(ServiceEvent e) {
            e.getDNS().requestServiceInfo(e.getType(), e.getName(), true);
        }

        @Override public void serviceRemoved(ServiceEvent e) {
            resolved.remove(e.getInfo().getQualifiedName() + "@" + System.identityHashCode(e.getDNS()));
        }

        @Override public void serviceResolved(ServiceEvent e) {
            resolved.put(e.getInfo().getQualifiedName() + "@" + System.identityHashCode(e.getDNS()), e.getInfo());
        }
    };

    /** Starts browsing on {@code addresses} (empty: the default choice). */
    static MdnsDiscovery start(List<InetAddress> addresses) throws IOException {
        MdnsDiscovery d = new MdnsDiscovery();
        for (InetAddress a : addresses.isEmpty() ? defaultAddresses() : addresses) {
            try {
                JmDNS j = JmDNS.create(a, "clasp-discover");
                d.browsers.add(j);
                j.addServiceListener(TYPE, d.listener);
            } catch (IOException e) {
                // an interface that cannot do multicast: the others still browse
            }
        }
        return d;
    }

    List<Found> results() {
        List<Found> out = new ArrayList<>();
        for (ServiceInfo info : resolved.values()) {
            String id = text(info, "id");
            String name = text(info, "name");
            List<URI> endpoints = new ArrayList<>();
            String scheme = scheme(info);
            for (InetAddress a : info.getInetAddresses()) {
                endpoints.add(Found.endpoint(scheme, a.getHostAddress(), info.getPort(), pathOf(info)));
            }
            out.add(new Found(id != null ? id : info.getQualifiedName(), name != null ? name : info.getName(),
                    Found.features(text(info, "features")), endpoints, "mdns"));
        }
        return out;
    }

    /** Stops browsing on a thread of its own (jmdns takes seconds to close) and returns at once. */
    void closeInBackground() {
        List<JmDNS> toClose = List.copyOf(browsers);
        browsers.clear();
        Thread t = new Thread(() -> {
            for (JmDNS j : toClose) {
                try {
                    j.close();
                } catch (IOException | RuntimeException e) {
                    // closing anyway
                }
            }
        }, "clasp-client-mdns-close");
        t.setDaemon(true);
        t.start();
    }

    /** The scheme whose TXT port key names this service's port; else from TXT transport; else ws. */
    private static String scheme(ServiceInfo info) {
        for (String key : SCHEME_KEYS) {
            if (Integer.toString(info.getPort()).equals(text(info, key))) return key;
        }
        String kind = text(info, "transport");
        if (kind == null) return "ws";
        return switch (kind) {
            case "tcp" -> "tcp";
            case "udp" -> "udp";
            case "quic" -> "quic";
            default -> "ws";
        };
    }

    private static String pathOf(ServiceInfo info) {
        String path = text(info, "path");
        return path == null || !path.startsWith("/") ? "/" : path;
    }

    private static String text(ServiceInfo info, String key) {
        String v = info.getPropertyString(key);
        return v == null || v.isEmpty() ? null : v;
    }

    static List<InetAddress> defaultAddresses() throws IOException {
        List<InetAddress> chosen = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp()) continue;
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address) (nif.isLoopback() ? loopback : chosen).add(a);
            }
        }
        return chosen.isEmpty() ? loopback : chosen;
    }
}
