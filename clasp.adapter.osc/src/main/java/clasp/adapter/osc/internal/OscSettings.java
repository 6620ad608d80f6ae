package clasp.adapter.osc.internal;

import clasp.osc.OscAddresses;
import clasp.osc.OscValueMapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A checked {@link OscTransportConfig}: an invalid configuration is refused whole, naming the PID. Event patterns and
 * destination patterns are absolute (the namespace prefixed). Immutable.
 */
record OscSettings(String host, int port, String namespace, long peerIdleNanos, int maxPeers, boolean autoSubscribe,
                   List<AddressPattern> eventPatterns, List<Destination> destinations, int maxSubscriptionsPerPeer,
                   int maxDatagramBytes, OscValueMapping mapping, int receiveBufferBytes, long highWaterMark, long lowWaterMark, boolean epoll,
                   String token) {
    /** The largest UDP payload over IPv4: 65535 minus the IP and UDP headers. */
    static final int LARGEST_DATAGRAM = 65_507;

    static OscSettings of(OscTransportConfig config) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        String ns = config.namespace() == null ? "" : config.namespace().trim();
        String nsProblem = OscAddresses.namespaceProblem(ns);
        require(nsProblem == null, "namespace must be empty or an address like /osc (no trailing slash, no wildcard): " + nsProblem);
        require(config.peerIdleSeconds() >= 1, "peerIdleSeconds must be at least 1, is " + config.peerIdleSeconds());
        require(config.maxPeers() >= 1, "maxPeers must be at least 1, is " + config.maxPeers());
        require(config.maxSubscriptionsPerPeer() >= 1, "maxSubscriptionsPerPeer must be at least 1, is " + config.maxSubscriptionsPerPeer());
        require(config.maxDatagramBytes() >= 16 && config.maxDatagramBytes() <= LARGEST_DATAGRAM,
                "maxDatagramBytes must be 16.." + LARGEST_DATAGRAM + ", is " + config.maxDatagramBytes());
        require(config.receiveBufferBytes() >= 0, "receiveBufferBytes must be >= 0, is " + config.receiveBufferBytes());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark");
        List<AddressPattern> events = new ArrayList<>();
        for (String pattern : config.eventAddresses() == null ? new String[0] : config.eventAddresses()) {
            if (pattern == null || pattern.isBlank()) continue;
            try {
                AddressPattern.of(pattern.trim());
                events.add(AddressPattern.of(ns + pattern.trim()));
            } catch (IllegalArgumentException e) {
                throw invalid("eventAddresses: " + e.getMessage());
            }
        }
        List<Destination> destinations = new ArrayList<>();
        Set<Object> seen = new HashSet<>();
        for (String entry : config.destinations() == null ? new String[0] : config.destinations()) {
            if (entry == null || entry.isBlank()) continue;
            try {
                Destination d = Destination.parse(entry, ns);
                require(seen.add(d.address()), "destinations: " + d.address() + " is listed twice");
                destinations.add(d);
            } catch (IllegalArgumentException e) {
                throw e.getMessage().startsWith(OscTransport.PID) ? e : invalid("destinations: " + e.getMessage());
            }
        }
        return new OscSettings(host, config.port(), ns, TimeUnit.SECONDS.toNanos(config.peerIdleSeconds()), config.maxPeers(),
                config.autoSubscribe(), List.copyOf(events), List.copyOf(destinations), config.maxSubscriptionsPerPeer(),
                config.maxDatagramBytes(), new OscValueMapping(config.float64(), config.nullAsNil()), config.receiveBufferBytes(), config.writeBufferHighWaterMark(), config.writeBufferLowWaterMark(), config.epoll(),
                config.token() == null || config.token().isBlank() ? null : config.token().trim());
    }

    /** How often the idle sweep looks at every peer: a quarter of the idle time, at least every 100 ms. */
    long sweepNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(100), peerIdleNanos / 4);
    }

    /** Whether a message to {@code address} (absolute) is an event rather than a SET. */
    boolean isEvent(String address) {
        for (AddressPattern p : eventPatterns) {
            if (p.matches(address)) return true;
        }
        return false;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) throw invalid(problem);
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(OscTransport.PID + ": invalid configuration: " + problem);
    }
}
