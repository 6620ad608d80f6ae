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
        return new DiscoverySettings(c.mdns(), List.of(c.interfaces()), List.of(c.kinds()), c.name().strip(),
                c.routerId().strip(), c.hostName().strip(), c.rescanSeconds(), c.broadcast(), c.broadcastPort(),
                c.broadcastBind().strip(), c.repliesPerSecond(), c.maxSources());
    }

    private static void requireRange(String attribute, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PID + ": " + attribute + " must be " + min + ".." + max + ", not " + value);
        }
    }
}
