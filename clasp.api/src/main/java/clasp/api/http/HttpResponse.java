package clasp.api.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP answer.
 *
 * @param status      the status code
 * @param contentType the {@code Content-Type}
 * @param headers     further headers (e.g. {@code Cache-Control}); {@code Content-Length} and {@code Connection}
 *                    are set by the listener
 * @param body        the body (not sent for {@code HEAD})
 */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";

    public HttpResponse {
        if (status < 100 || status > 599) throw new IllegalArgumentException("HTTP status " + status);
        headers = Map.copyOf(headers);
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, Map.of(), body);
    }

    public static HttpResponse text(int status, String text) {
        return of(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse json(int status, String json) {
        return of(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** This answer with header {@code name} added. */
    public HttpResponse with(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, more, body);
    }
}
