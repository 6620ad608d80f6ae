package clasp.bridge.osc.internal;

import clasp.api.Address;
import clasp.osc.OscAddresses;
import clasp.osc.OscLimits;
import clasp.osc.OscValueMapping;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One instance's configuration, checked. A problem that leaves the bridge unable to work as configured (bad peer,
 * namespace, pattern, option value) is {@link #fatal()}: the instance then fails with that reason. Immutable.
 */
record OscSettings(String transport, String bindAddress, int port, List<InetSocketAddress> peers, boolean replyToSender,
                   long senderTimeoutMs, int maxSenders, String namespace, List<String> outboundPatterns,
                   AddressPatterns eventAddresses, OscValueMapping mapping, OscLimits limits, String fatal) {

    static OscSettings from(OscBridgeConfig config) {
        List<String> problems = new ArrayList<>();
        String namespace = config.namespace().trim();
        String namespaceProblem = OscAddresses.namespaceProblem(namespace);
        if (namespaceProblem != null) problems.add("namespace: " + namespaceProblem);

        List<InetSocketAddress> peers = new ArrayList<>();
        for (String peer : nonBlank(config.peers())) {
            InetSocketAddress address = peer(peer);
            if (address == null) problems.add("peer must be host:port with a port 1-65535: " + peer);
            else peers.add(address);
        }

        List<String> outbound = nonBlank(config.outboundPatterns());
        if (outbound.isEmpty()) outbound = List.of(namespace + "/**");
        for (String pattern : outbound) {
            String problem = Address.problem(pattern);
            if (problem != null) problems.add("outboundPatterns: " + problem);
        }

        List<String> events = nonBlank(config.eventAddresses());
        for (String pattern : events) {
            String problem = AddressPatterns.problem(pattern);
            if (problem != null) problems.add("eventAddresses: " + problem);
        }

        String width = config.floatWidth().trim();
        if (!width.equals("f") && !width.equals("d")) problems.add("floatWidth must be f or d, is " + width);
        String nullAs = config.nullAs().trim();
        if (!nullAs.equals("none") && !nullAs.equals("N")) problems.add("nullAs must be none or N, is " + nullAs);
        if (config.port() < 0 || config.port() > 65_535) problems.add("port must be 0-65535, is " + config.port());

        OscLimits limits = null;
        try {
            limits = new OscLimits(config.maxPacketBytes(), config.maxArguments(), config.maxBundleDepth(),
                    config.maxArrayDepth());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (config.senderTimeoutSeconds() < 1) problems.add("senderTimeoutSeconds must be at least 1");
        if (config.maxSenders() < 1) problems.add("maxSenders must be at least 1");

        String transport = config.transport().trim();
        if (!transport.equals("udp") && !transport.equals("tcp")) problems.add("transport must be udp or tcp, is " + transport);
        return new OscSettings(transport, config.bindAddress().trim(), config.port(), List.copyOf(peers), config.replyToSender(),
                config.senderTimeoutSeconds() * 1000L, config.maxSenders(), namespace, List.copyOf(outbound),
                AddressPatterns.of(problems.isEmpty() ? events : List.of()),
                new OscValueMapping(width.equals("d"), nullAs.equals("N")),
                limits == null ? OscLimits.DEFAULTS : limits,
                problems.isEmpty() ? null : "invalid configuration: " + String.join("; ", problems));
    }

    boolean tcp() {
        return transport.equals("tcp");
    }

    /** "host:port" or "[v6]:port", unresolved (resolved on the bridge's I/O thread, never in activate); null if malformed. */
    static InetSocketAddress peer(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) return null;
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 1 || port > 65_535 || host.isEmpty()) return null;
            return InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> nonBlank(String[] values) {
        return Arrays.stream(values).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
