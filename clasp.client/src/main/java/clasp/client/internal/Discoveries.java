package clasp.client.internal;

import clasp.api.Feature;
import clasp.client.DiscoveredRouter;
import clasp.client.DiscoveryOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs mDNS browsing and broadcast discovery side by side for the timeout and merges them by router id. */
public final class Discoveries {
    private Discoveries() {}

    public static List<DiscoveredRouter> discover(DiscoveryOptions o)
            throws IOException, InterruptedException {
        Object mdns = o.mdns() && MdnsSupport.available() ? MdnsDiscovery.start(o.mdnsAddresses()) : null;
        List<Found> found = new ArrayList<>();
        try {
            long timeout = o.timeout().toNanos();
            if (o.broadcast()) {
                found.addAll(BroadcastDiscovery.run(o.broadcastPort(), o.extraTargets(), timeout));
            } else if (mdns != null) {
                Thread.sleep(o.timeout().toMillis());
            }
            if (mdns != null) found.addAll(((MdnsDiscovery) mdns).results());
        } finally {
            if (mdns != null) ((MdnsDiscovery) mdns).closeInBackground();
        }
        return merge(found);
    }

    /** One router per id, in the order first seen: names and features from the first sighting, endpoints from all. */
    static List<DiscoveredRouter> merge(List<Found> found) {
        Map<String, List<Found>> byId = new LinkedHashMap<>();
        for (Found f : found) byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
        List<DiscoveredRouter> out = new ArrayList<>();
        for (List<Found> same : byId.values()) {
            Set<URI> endpoints = new LinkedHashSet<>();
            Set<String> via = new LinkedHashSet<>();
            Set<Feature> features = EnumSet.noneOf(Feature.class);
            for (Found f : same) {
                endpoints.addAll(f.endpoints());
                via.add(f.via());
                features.addAll(f.features());
            }
            Found first = same.get(0);
            out.add(new DiscoveredRouter(first.id(), first.name(), features, List.copyOf(endpoints), via));
        }
        return out;
    }
}
