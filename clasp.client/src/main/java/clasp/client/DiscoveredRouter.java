package clasp.client;

import clasp.api.Feature;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * A router found by {@link ClaspClient#discover}.
 *
 * @param id        its router id (the WELCOME session of a broadcast reply, TXT {@code id} over mDNS; without one,
 *                  the mDNS service's full name)
 * @param name      its name
 * @param features  what it says it supports
 * @param endpoints where to connect, with the address the router was seen at, e.g. {@code ws://192.0.2.2:7330/}
 * @param via       how it was found: {@code broadcast}, {@code mdns} or both
 */
public record DiscoveredRouter(String id, String name, Set<Feature> features, List<URI> endpoints, Set<String> via) {
    public DiscoveredRouter {
        features = Set.copyOf(features);
        endpoints = List.copyOf(endpoints);
        via = Set.copyOf(via);
    }
}
