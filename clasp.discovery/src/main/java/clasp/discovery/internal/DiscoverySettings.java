package clasp.discovery.internal;

import java.util.List;

/** {@link DiscoveryConfig} as plain values, so that tests build it without OSGi. */
record DiscoverySettings(boolean mdns, List<String> interfaces, List<String> kinds, String name, String routerId,
                         String hostName, int rescanSeconds, boolean broadcast, int broadcastPort, String broadcastBind,
                         int repliesPerSecond, int maxSources) {
    static final String PID = "clasp.discovery";

    DiscoverySettings {
        interfaces = List.copyOf(interfaces);
        kinds = List.copyOf(kinds);
        requireRange("rescanSeconds", rescanSeconds, 1, 3600);
        requireRange("broadcastPort", broadcastPort, 1, 65535);
        requireRange("repliesPerSecond", repliesPerSecond, 1, 1000);
        requireRange("maxSources", maxSources, 1, 1_000_000);
    }

    static DiscoverySettings of(DiscoveryConfig c) {
        return new DiscoverySettings(c.mdns(), names(c.interfaces()), names(c.kinds()), c.name().strip(),
                c.routerId().strip(), c.hostName().strip(), c.rescanSeconds(), c.broadcast(), c.broadcastPort(),
                c.broadcastBind().strip(), c.repliesPerSecond(), c.maxSources());
    }

    /** The names in {@code values}, each of which may hold several separated by commas or blanks (as a cfg file writes a list). */
    static List<String> names(String[] values) {
        List<String> out = new java.util.ArrayList<>();
        for (String v : values == null ? new String[0] : values) {
            for (String n : v.split("[,\\s]+")) {
                if (!n.isEmpty()) out.add(n);
            }
        }
        return out;
    }

    private static void requireRange(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": " + attribute + " must be " + min + ".." + max + ", not " + value);
        }
    }
}
