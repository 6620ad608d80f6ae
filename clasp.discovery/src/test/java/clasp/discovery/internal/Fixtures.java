package clasp.discovery.internal;

import clasp.api.router.PluginState;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What the discovery tests share: settings, listeners as the router reports them, free ports, live threads. */
final class Fixtures {
    private Fixtures() {}

    static DiscoverySettings settings(boolean mdns, boolean broadcast, int broadcastPort) {
        return new DiscoverySettings(mdns, List.of(), List.of("websocket", "tcp", "udp", "quic"), "Stage A", "router-1",
                "clasp-test", 1, broadcast, broadcastPort, "0.0.0.0", 2, 16);
    }

    static TransportInfo listener(String id, String kind, String endpoint) {
        return new TransportInfo(id, kind, endpoint, PluginState.ONLINE, "", 0, 0, 0, 0);
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            return s.getLocalPort();
        }
    }

    /** Threads that discovery, jmdns or the client's mDNS browsing start. */
    static Set<String> discoveryThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("clasp-discovery") || n.startsWith("clasp-client-mdns")
                        || n.toLowerCase(java.util.Locale.ROOT).contains("jmdns") || n.startsWith("SocketListener"))
                .collect(Collectors.toSet());
    }
}
