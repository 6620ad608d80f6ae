package clasp.client.internal;

import clasp.api.Feature;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** One sighting of a router by one discovery method. */
public record Found(String id, String name, Set<Feature> features, List<URI> endpoints, String via) {
    /** Features from D.2 letters ({@code p} param, {@code s} stream, {@code e} event, {@code t} timeline, {@code g} gesture); others ignored. */
    public static Set<Feature> features(String letters) {
        java.util.EnumSet<Feature> out = java.util.EnumSet.noneOf(Feature.class);
        if (letters == null) return out;
        for (char c : letters.toCharArray()) {
            switch (c) {
                case 'p' -> out.add(Feature.PARAM);
                case 's' -> out.add(Feature.STREAM);
                case 'e' -> out.add(Feature.EVENT);
                case 't' -> out.add(Feature.TIMELINE);
                case 'g' -> out.add(Feature.GESTURE);
                default -> { }
            }
        }
        return out;
    }

    /** {@code scheme://host:port path}, bracketing IPv6 hosts. */
    public static URI endpoint(String scheme, String host, int port, String path) {
        try {
            return new URI(scheme, null, host, port, path == null || path.isEmpty() ? "/" : path, null, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
