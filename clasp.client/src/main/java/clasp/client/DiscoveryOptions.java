package clasp.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * How {@link ClaspClient#discover(DiscoveryOptions)} looks for routers.
 *
 * @param timeout       how long it looks; the broadcast HELLO is sent at its start, a third and two thirds in
 * @param broadcastPort the UDP port of the routers' broadcast responders (7331)
 * @param broadcast     send the broadcast HELLO (to 255.255.255.255 and each interface's directed broadcast)
 * @param mdns          browse {@code _clasp._tcp} over mDNS; needs jmdns ({@code org.jmdns:jmdns}) on the class path,
 *                      silently skipped without it. Resolving takes about 4 s, so give it a timeout of 5 s or more.
 * @param extraTargets  further addresses to send the HELLO to by unicast (e.g. a router on another subnet, or
 *                      127.0.0.1)
 * @param mdnsAddresses the local addresses to browse on; empty: every non-loopback IPv4 interface that is up, or the
 *                      loopback ones when no other is
 */
public record DiscoveryOptions(Duration timeout, int broadcastPort, boolean broadcast, boolean mdns,
                               List<InetSocketAddress> extraTargets, List<InetAddress> mdnsAddresses) {
    public static final int DEFAULT_PORT = 7331;

    public DiscoveryOptions {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (broadcastPort < 1 || broadcastPort > 65535) throw new IllegalArgumentException("broadcastPort must be 1..65535");
        extraTargets = List.copyOf(extraTargets);
        mdnsAddresses = List.copyOf(mdnsAddresses);
    }

    /** 5 s, port 7331, broadcast and mDNS, no extra targets. */
    public static DiscoveryOptions defaults() {
        return new DiscoveryOptions(Duration.ofSeconds(5), DEFAULT_PORT, true, true, List.of(), List.of());
    }

    public DiscoveryOptions withTimeout(Duration t) { return new DiscoveryOptions(t, broadcastPort, broadcast, mdns, extraTargets, mdnsAddresses); }

    public DiscoveryOptions withBroadcastPort(int p) { return new DiscoveryOptions(timeout, p, broadcast, mdns, extraTargets, mdnsAddresses); }

    public DiscoveryOptions withBroadcast(boolean on) { return new DiscoveryOptions(timeout, broadcastPort, on, mdns, extraTargets, mdnsAddresses); }

    public DiscoveryOptions withMdns(boolean on) { return new DiscoveryOptions(timeout, broadcastPort, broadcast, on, extraTargets, mdnsAddresses); }

    public DiscoveryOptions withExtraTargets(List<InetSocketAddress> targets) {
        return new DiscoveryOptions(timeout, broadcastPort, broadcast, mdns, targets, mdnsAddresses);
    }

    public DiscoveryOptions withMdnsAddresses(List<InetAddress> addresses) {
        return new DiscoveryOptions(timeout, broadcastPort, broadcast, mdns, extraTargets, addresses);
    }
}
