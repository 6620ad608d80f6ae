package clasp.bridge.sacn.internal;

import clasp.api.Address;
import clasp.bridge.support.LinearScale;
import clasp.bridge.support.dmx.SlotValues;
import clasp.bridge.support.dmx.SourceMerge;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One instance's configuration, checked once. A problem that leaves the bridge unable to work as configured is
 * {@link #fatal()}: the instance then fails naming every problem. Immutable.
 */
record SacnSettings(String namespace, Set<Integer> outputs, Set<Integer> inputs, String sourceName, int priority,
                    UUID cid, boolean multicast, List<InetSocketAddress> unicast, String multicastInterface,
                    String bindAddress, int port, int syncUniverse, SourceMerge.Mode merge, boolean acceptPreview,
                    boolean discovery, SlotValues values, String fatal) {
    /** Universes one instance sends, or receives, at most. */
    static final int MAX_UNIVERSES = 512;

    static SacnSettings from(SacnBridgeConfig c) {
        List<String> problems = new ArrayList<>();
        String namespace = c.namespace().trim();
        if (!namespace.startsWith("/") || namespace.endsWith("/") || Address.problem(namespace + "/1/1") != null
                || namespace.contains("*")) {
            problems.add("namespace must be an address such as /sacn, is '" + namespace + "'");
        }
        Set<Integer> outputs = universes("outputUniverses", c.outputUniverses(), problems);
        Set<Integer> inputs = universes("inputUniverses", c.inputUniverses(), problems);
        if (blank(c.outputUniverses()) && blank(c.inputUniverses()) && !c.discovery()) {
            problems.add("nothing to do: no outputUniverses, no inputUniverses and no discovery");
        }
        if (c.priority() < 0 || c.priority() > E131.MAX_PRIORITY) problems.add("priority must be 0-200, is " + c.priority());
        if (c.port() < 1 || c.port() > 65_535) problems.add("port must be 1-65535, is " + c.port());
        if (c.syncUniverse() != 0 && !E131.isUniverse(c.syncUniverse())) {
            problems.add("syncUniverse must be 0 or 1-63999, is " + c.syncUniverse());
        }
        UUID cid = null;
        if (!c.cid().isBlank()) {
            try {
                cid = UUID.fromString(c.cid().trim());
            } catch (IllegalArgumentException e) {
                problems.add("cid must be a UUID, is '" + c.cid().trim() + "'");
            }
        }
        List<InetSocketAddress> unicast = new ArrayList<>();
        for (String d : c.unicastDestinations()) {
            for (String part : d.split(",")) {
                if (part.isBlank()) continue;
                InetSocketAddress a = destination(part.trim(), c.port());
                if (a == null) problems.add("unicast destination must be host or host:port (IPv4), is '" + part.trim() + "'");
                else unicast.add(a);
            }
        }
        if (!outputs.isEmpty() && !c.multicast() && unicast.isEmpty()) {
            problems.add("output universes need multicast=true or unicastDestinations");
        }
        SourceMerge.Mode merge = switch (c.merge().trim().toLowerCase(java.util.Locale.ROOT)) {
            case "htp" -> SourceMerge.Mode.HTP;
            case "ltp" -> SourceMerge.Mode.LTP;
            default -> {
                problems.add("merge must be htp or ltp, is '" + c.merge().trim() + "'");
                yield SourceMerge.Mode.HTP;
            }
        };
        SlotValues values = new SlotValues(c.normalize(), null);
        try {
            values = new SlotValues(c.normalize(), LinearScale.configured(c.scale(), c.offset(), 0, 255));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new SacnSettings(namespace, outputs, inputs, c.sourceName(), c.priority(), cid, c.multicast(),
                List.copyOf(unicast), c.multicastInterface().trim(), c.bindAddress().trim(), c.port(), c.syncUniverse(),
                merge, c.acceptPreview(), c.discovery(), values,
                problems.isEmpty() ? null : "invalid configuration: " + String.join("; ", problems));
    }

    private static Set<Integer> universes(String name, String[] entries, List<String> problems) {
        try {
            Set<Integer> set = Universes.parse(entries);
            if (set.size() > MAX_UNIVERSES) {
                problems.add(name + " lists " + set.size() + " universes, more than " + MAX_UNIVERSES + " (use several instances)");
            }
            return Set.copyOf(set);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return Set.of();
        }
    }

    private static boolean blank(String[] entries) {
        for (String e : entries) if (!e.replace(",", "").isBlank()) return false;
        return true;
    }

    /** "host" or "host:port" (IPv4: the bridge speaks E1.31 over IPv4), unresolved (resolved on the I/O thread); null if malformed. */
    static InetSocketAddress destination(String text, int defaultPort) {
        int colon = text.indexOf(':');
        if (colon != text.lastIndexOf(':')) return null;
        String host = colon < 0 ? text : text.substring(0, colon);
        int port = colon < 0 ? defaultPort : port(text.substring(colon + 1));
        if (host.isEmpty() || port < 1) return null;
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            return p >= 1 && p <= 65_535 ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The instance receives: it listens on the E1.31 port. */
    boolean receives() { return !inputs.isEmpty() || discovery; }
}
