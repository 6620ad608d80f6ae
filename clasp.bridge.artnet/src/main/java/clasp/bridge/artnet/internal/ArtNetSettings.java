package clasp.bridge.artnet.internal;

import clasp.api.Address;
import clasp.bridge.support.LinearScale;
import clasp.bridge.support.dmx.SlotValues;
import clasp.bridge.support.dmx.SourceMerge;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One instance's configuration, checked once. A problem that leaves the bridge unable to work as configured is
 * {@link #fatal()}: the instance then fails naming every problem. Immutable.
 *
 * @param nodes     configured nodes, unresolved (resolved on the bridge's I/O thread, never in activate)
 * @param broadcast the broadcast address, unresolved, or null
 */
record ArtNetSettings(String bindAddress, int port, String namespace, List<InetSocketAddress> nodes,
                      InetSocketAddress broadcast, boolean discoverNodes, long pollIntervalMillis, long nodeTimeoutMillis,
                      UniverseSet outputUniverses, UniverseSet inputUniverses, long keepAliveMillis, boolean artSync,
                      SourceMerge.Mode merge, long sourceTimeoutMillis, SlotValues values, boolean node,
                      String shortName, String longName, String fatal) {

    static ArtNetSettings from(ArtNetBridgeConfig config) {
        List<String> problems = new ArrayList<>();
        String namespace = config.namespace().trim();
        String namespaceProblem = Address.problem(namespace);
        if (namespaceProblem != null) problems.add("namespace: " + namespaceProblem);
        else if (namespace.endsWith("/") || namespace.contains("*")) problems.add("namespace must not end with / nor hold *: " + namespace);

        if (config.port() < 0 || config.port() > 65_535) problems.add("port must be 0-65535, is " + config.port());
        List<InetSocketAddress> nodes = new ArrayList<>();
        for (String node : nonBlank(config.nodes())) {
            InetSocketAddress address = hostPort(node);
            if (address == null) problems.add("node must be host or host:port with a port 1-65535: " + node);
            else nodes.add(address);
        }
        String broadcastText = config.broadcast().trim();
        InetSocketAddress broadcast = broadcastText.isEmpty() ? null : hostPort(broadcastText);
        if (!broadcastText.isEmpty() && broadcast == null) {
            problems.add("broadcast must be host or host:port with a port 1-65535: " + broadcastText);
        }

        if (config.pollIntervalSeconds() < 1) problems.add("pollIntervalSeconds must be at least 1");
        if (config.nodeTimeoutSeconds() <= config.pollIntervalSeconds()) {
            problems.add("nodeTimeoutSeconds must be more than pollIntervalSeconds");
        }
        UniverseSet outputs = universes("outputUniverses", config.outputUniverses(), problems);
        UniverseSet inputs = universes("inputUniverses", config.inputUniverses(), problems);
        if (config.keepAliveMillis() < 25 || config.keepAliveMillis() > 4_000) {
            problems.add("keepAliveMillis must be 25-4000, is " + config.keepAliveMillis());
        }
        String merge = config.merge().trim().toLowerCase();
        if (!merge.equals("htp") && !merge.equals("ltp")) problems.add("merge must be htp or ltp, is " + config.merge());
        if (config.sourceTimeoutSeconds() < 1) problems.add("sourceTimeoutSeconds must be at least 1");

        LinearScale scale = null;
        try {
            scale = LinearScale.configured(config.scale(), config.offset(), 0, 255);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new ArtNetSettings(config.bindAddress().trim(), config.port(), namespace, List.copyOf(nodes), broadcast,
                config.discoverNodes(), config.pollIntervalSeconds() * 1000L, config.nodeTimeoutSeconds() * 1000L,
                outputs, inputs, config.keepAliveMillis(), config.artSync(),
                merge.equals("ltp") ? SourceMerge.Mode.LTP : SourceMerge.Mode.HTP, config.sourceTimeoutSeconds() * 1000L,
                new SlotValues(config.normalize(), scale), config.node(), config.shortName().trim(),
                config.longName().trim(), problems.isEmpty() ? null : "invalid configuration: " + String.join("; ", problems));
    }

    private static UniverseSet universes(String name, String[] entries, List<String> problems) {
        try {
            return UniverseSet.parse(entries);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return UniverseSet.ALL;
        }
    }

    /** "host" or "host:port" (Art-Net is IPv4 only), unresolved; port 6454 when left out; null if malformed. */
    static InetSocketAddress hostPort(String text) {
        int colon = text.indexOf(':');
        if (colon != text.lastIndexOf(':')) return null;
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = ArtNet.PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (host.isEmpty() || port < 1 || port > 65_535) return null;
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static List<String> nonBlank(String[] values) {
        return Arrays.stream(values).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
