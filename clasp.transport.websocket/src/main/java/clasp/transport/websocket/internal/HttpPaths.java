package clasp.transport.websocket.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which {@link clasp.api.http.HttpEndpoint} paths one listener serves (its {@code httpPaths}): {@code *} every one,
 * empty none, else the endpoints' paths listed (e.g. {@code /health,/ready} on a listener facing the stage network).
 */
record HttpPaths(boolean all, Set<String> paths) {
    static final HttpPaths ALL = new HttpPaths(true, Set.of());

    /** {@code text}: {@code *}, empty, or comma-separated paths, each starting with {@code /}. */
    static HttpPaths parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.equals("*")) return ALL;
        Set<String> paths = Arrays.stream(trimmed.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        for (String p : paths) {
            if (!p.startsWith("/") || p.length() > 1 && p.endsWith("/")) {
                throw new IllegalArgumentException("httpPaths: '" + p + "' is not an endpoint path like /metrics (or give *)");
            }
        }
        return new HttpPaths(false, paths);
    }

    boolean serves(String endpointPath) {
        return all || paths.contains(endpointPath);
    }
}
