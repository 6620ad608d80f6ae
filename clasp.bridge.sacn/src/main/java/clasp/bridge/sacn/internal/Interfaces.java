package clasp.bridge.sacn.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/** The network interface multicast uses, as configured: a name, an IPv4 address, or empty for the first that fits. */
final class Interfaces {
    private Interfaces() {
    }

    /**
     * The interface {@code configured} names (by name or by one of its IPv4 addresses); for an empty text the first
     * non-loopback interface that is up and has an IPv4 address, else the loopback interface.
     *
     * @throws IllegalArgumentException when there is no such interface, or it has no IPv4 address
     */
    static NetworkInterface pick(String configured) throws SocketException {
        if (configured.isEmpty()) {
            NetworkInterface loopback = null;
            for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
                if (!nif.isUp() || ipv4(nif) == null) continue;
                if (!nif.isLoopback()) return nif;
                if (loopback == null) loopback = nif;
            }
            if (loopback == null) throw new IllegalArgumentException("no network interface is up with an IPv4 address");
            return loopback;
        }
        NetworkInterface nif = NetworkInterface.getByName(configured);
        if (nif == null && configured.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            try {
                nif = NetworkInterface.getByInetAddress(InetAddress.getByName(configured));   // a literal: no name lookup
            } catch (UnknownHostException e) {
                nif = null;
            }
        }
        if (nif == null) throw new IllegalArgumentException("no network interface named or with the address " + configured);
        if (ipv4(nif) == null) throw new IllegalArgumentException("network interface " + nif.getName() + " has no IPv4 address");
        return nif;
    }

    /** The first IPv4 address of {@code nif}, or null. */
    static Inet4Address ipv4(NetworkInterface nif) {
        List<InetAddress> addresses = nif.inetAddresses().toList();
        for (InetAddress a : addresses) if (a instanceof Inet4Address v4) return v4;
        return null;
    }

    /** "eth0 192.0.2.2". */
    static String describe(NetworkInterface nif) {
        Inet4Address a = ipv4(nif);
        return nif.getName() + (a == null ? "" : " " + a.getHostAddress());
    }
}
