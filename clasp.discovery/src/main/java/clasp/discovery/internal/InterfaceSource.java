package clasp.discovery.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** The IPv4 addresses to announce on, asked again at every rescan (tests give their own). */
@FunctionalInterface
interface InterfaceSource {
    List<InetAddress> addresses() throws SocketException;

    /**
     * The machine's interfaces: those named in {@code names} that are up; with no names, every non-loopback
     * interface that is up, or the loopback interfaces when no other is up.
     */
    static InterfaceSource system(List<String> names) {
        Set<String> wanted = Set.copyOf(names);
        return () -> {
            List<InetAddress> chosen = new ArrayList<>();
            List<InetAddress> loopback = new ArrayList<>();
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) continue;
                boolean named = wanted.contains(nif.getName());
                if (!wanted.isEmpty() && !named) continue;
                List<InetAddress> target = nif.isLoopback() && !named ? loopback : chosen;
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address) target.add(a);
                }
            }
            return chosen.isEmpty() && wanted.isEmpty() ? loopback : chosen;
        };
    }
}
