package clasp.oscquery.internal;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the router's own OSC server adapter listens (a transport of kind {@value #KIND}), for HOST_INFO's
 * {@code OSC_IP}, {@code OSC_PORT} and {@code OSC_TRANSPORT}; read from the endpoint it reports, e.g.
 * {@code osc.udp://0.0.0.0:8000}. A scheme naming TCP is {@code TCP}, any other {@code UDP}.
 */
record OscServerEndpoint(String host, int port, String transport) {
    static final String KIND = "osc";

    /** The first open OSC adapter with a parsable endpoint, if any. */
    static Optional<OscServerEndpoint> of(Router router) {
        for (TransportInfo t : router.transports()) {
            if (!KIND.equals(t.kind()) || t.state() == PluginState.FAILED || t.endpoint().isEmpty()) continue;
            Optional<OscServerEndpoint> parsed = parse(t.endpoint());
            if (parsed.isPresent()) return parsed;
        }
        return Optional.empty();
    }

    static Optional<OscServerEndpoint> parse(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            if (uri.getHost() == null || uri.getPort() < 1) return Optional.empty();
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
            return Optional.of(new OscServerEndpoint(host, uri.getPort(), scheme.contains("tcp") ? "TCP" : "UDP"));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
