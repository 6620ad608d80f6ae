package clasp.transport.websocket.internal;

import clasp.api.http.HttpEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpEndpoint} services of the framework by path, longest path first. Bound and unbound by DS threads
 * (serialised here); read by network threads from a list swapped whole, so a lookup takes no lock. One per
 * transport instance, kept across configuration changes.
 */
final class HttpRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRoutes.class);

    record Route(String path, HttpEndpoint endpoint) {
        boolean serves(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path) && requestPath.charAt(path.length()) == '/';
        }
    }

    private volatile List<Route> routes = List.of();

    synchronized void add(HttpEndpoint endpoint, Object path) {
        if (!(path instanceof String p) || !valid(p)) {
            LOG.warn("HTTP endpoint {} ignored: its {} must start with '/', not end with '/', and not be /sse (it is {})",
                    endpoint.getClass().getName(), HttpEndpoint.PATH, path);
            return;
        }
        List<Route> next = new ArrayList<>(routes);
        next.add(new Route(p, endpoint));
        next.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed());
        routes = List.copyOf(next);
    }

    synchronized void remove(HttpEndpoint endpoint) {
        List<Route> next = new ArrayList<>(routes);
        next.removeIf(route -> route.endpoint() == endpoint);
        routes = List.copyOf(next);
    }

    /** The endpoint for {@code requestPath} among those {@code served} lets this listener use. */
    Optional<Route> find(String requestPath, HttpPaths served) {
        for (Route route : routes) {
            if (route.serves(requestPath) && served.serves(route.path())) return Optional.of(route);
        }
        return Optional.empty();
    }

    private static boolean valid(String path) {
        return path.length() > 1 && path.startsWith("/") && !path.endsWith("/")
                && !new Route(SseEndpoint.PATH, null).serves(path);
    }
}
