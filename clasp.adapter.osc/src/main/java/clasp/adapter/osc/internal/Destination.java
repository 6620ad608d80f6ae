package clasp.adapter.osc.internal;

import java.net.InetSocketAddress;

/**
 * A listen-only OSC peer from the configuration: where it listens and the pattern (absolute, the namespace prefixed)
 * of what it is sent.
 */
record Destination(InetSocketAddress address, String pattern) {

    /**
     * Parses {@code host:port}, optionally followed (with or without a space) by a pattern relative to {@code namespace}
     * (default {@code /**}): {@code 127.0.0.1:9001}, {@code 127.0.0.1:9001/desk/**}, {@code 127.0.0.1:9001 /desk/**}.
     * An IllegalArgumentException says what is wrong.
     */
    static Destination parse(String entry, String namespace) {
        String text = entry == null ? "" : entry.trim();
        int slash = text.indexOf('/');
        String hostPort = (slash < 0 ? text : text.substring(0, slash)).trim();
        String relative = slash < 0 ? "/**" : text.substring(slash).trim();
        if (hostPort.isEmpty() || hostPort.chars().anyMatch(Character::isWhitespace) || relative.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("destination must be 'host:port' or 'host:port/pattern', is '" + text + "'");
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("destination '" + text + "' has no host:port");
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("destination '" + text + "' has no port number");
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("destination port must be 1..65535 in '" + text + "'");
        AddressPattern.of(relative);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new IllegalArgumentException("destination host '" + host + "' cannot be resolved");
        return new Destination(address, AddressPattern.of(namespace + relative).toString());
    }
}
