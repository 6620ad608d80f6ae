package clasp.bridge.osc.internal;

import java.net.InetSocketAddress;

/** Socket addresses as people write them: 127.0.0.1:9000, [::1]:9000. */
final class Hosts {
    private Hosts() {
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
