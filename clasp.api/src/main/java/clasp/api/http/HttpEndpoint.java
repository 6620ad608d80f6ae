package clasp.api.http;

import java.util.concurrent.CompletionStage;

/**
 * Answers the HTTP requests under one path prefix, a whiteboard service. The listener picks the endpoint with the
 * longest {@value #PATH} that is the request's path or a whole-segment prefix of it ({@code /ui} takes {@code /ui}
 * and {@code /ui/app.js}, not {@code /uix}). WebSocket upgrades and the transport's own paths ({@code /sse}) never
 * reach an endpoint.
 *
 * <p>{@link #handle} is called on a network thread, which also carries CLASP frames: answer at once from memory, or
 * return a stage completed by a thread of your own. An exception or a failed stage becomes a {@code 500}; every
 * answer closes its connection.
 */
public interface HttpEndpoint {
    /** Service property: the path prefix served, starting with {@code /} and without a trailing {@code /}. */
    String PATH = "clasp.http.path";

    CompletionStage<HttpResponse> handle(HttpRequest request);
}
