package clasp.api.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request, read whole.
 *
 * @param method     upper case, e.g. {@code GET}
 * @param path       the decoded path, without the query
 * @param query      the decoded query parameters, in order per name
 * @param headers    the headers, by lower-case name (a repeated header's values joined by {@code ", "})
 * @param body       the body; empty when there is none
 * @param remote     the peer's address, {@code host:port}
 * @param listener   the id of the transport instance that took the request
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                          byte[] body, String remote, String listener) {
    public HttpRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of query parameter {@code name}. */
    public Optional<String> parameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Header {@code name} (any case). */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The token of an {@code Authorization: Bearer <token>} header. */
    public Optional<String> bearerToken() {
        return header("authorization")
                .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(value -> value.substring(7).trim())
                .filter(token -> !token.isEmpty());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
