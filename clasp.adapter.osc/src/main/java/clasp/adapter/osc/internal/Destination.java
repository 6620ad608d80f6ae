package clasp.adapter.osc.internal;

import java.net.InetSocketAddress;

/**
 * A listen-only OSC peer from the configuration: where it listens and the pattern (absolute, the namespace prefixed)
 * of what it is sent.
 */
record Destination(InetSocketAddress address, String pattern) {

    /**
     * Parses {@code host:port} or {@code host:port /pattern} (the pattern relative to {@code namespace}, default
     * {@code /**}); an IllegalArgumentException says what is wrong.
     */
    static Destination parse(String entry, String namespace) {
        String text = entry == null ? "" : entry.trim();
        String[] parts = text.split("\\s+");
        if (text.isEmpty() || parts.length > 2) {
            throw new IllegalArgumentException("destination must be 'host:port' or 'host:port /pattern', is '" + text + "'");
        }
        int colon = parts[0].lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("destination '" + text + "' has no host:port");
        String host = parts[0].substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(parts[0].substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("destination '" + text + "' has no port number");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("destination port must be 1..65535 in '" + text + "'");
        String relative = parts.length == 2 ? parts[1] : "/**";
        AddressPattern.of(relative);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new IllegalArgumentException("destination host '" + host + "' cannot be resolved");
        return new Destination(address, namespace + relative);
    }
}
