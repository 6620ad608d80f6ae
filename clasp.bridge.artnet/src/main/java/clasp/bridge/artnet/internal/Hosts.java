package clasp.bridge.artnet.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Socket addresses as people write them, and this host's own addresses. */
final class Hosts {
    private Hosts() {
    }

    /** 127.0.0.1:6454, [::1]:6454. */
    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Every address of this host's interfaces that are up (empty when they cannot be listed). */
    static Set<InetAddress> localAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        for (NetworkInterface nif : interfaces()) addresses.addAll(Collections.list(nif.getInetAddresses()));
        return addresses;
    }

    /**
     * The IPv4 address the bridge gives in its ArtPollReply: the bound one, or with a wildcard bind the first IPv4
     * address of an interface that is up and not loopback (127.0.0.1 without one).
     */
    static byte[] ownIpv4(InetAddress bound) {
        if (bound instanceof Inet4Address v4 && !v4.isAnyLocalAddress()) return v4.getAddress();
        for (NetworkInterface nif : interfaces()) {
            try {
                if (nif.isLoopback()) continue;
            } catch (SocketException e) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address) return a.getAddress();
            }
        }
        return new byte[] {127, 0, 0, 1};
    }

    private static List<NetworkInterface> interfaces() {
        List<NetworkInterface> up = new ArrayList<>();
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            if (all == null) return up;
            for (NetworkInterface nif : Collections.list(all)) {
                if (nif.isUp()) up.add(nif);
            }
        } catch (SocketException e) {
            // none listed: the caller falls back
        }
        return up;
    }
}
