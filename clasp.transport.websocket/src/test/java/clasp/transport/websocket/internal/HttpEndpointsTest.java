package clasp.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.http.HttpEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Plain HTTP requests reach the whiteboard's {@link HttpEndpoint}s by path; everything else stays as it was. */
class HttpEndpointsTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<clasp.api.http.HttpRequest> seen = new CopyOnWriteArrayList<>();
    private WebSocketTransport transport;

    @AfterEach
    void stop() {
        if (transport != null) transport.deactivate();
    }

    private String base(Object... config) {
        transport = new WebSocketTransport(TestConfig.loopback(config), Map.of("service.pid", "clasp.transport.websocket~web"),
                TestConfig.DATA);
        transport.open(new RecordingAcceptor());
        return "http://127.0.0.1:" + transport.localAddress().getPort();
    }

    private HttpEndpoint answering(String name) {
        return request -> {
            seen.add(request);
            return CompletableFuture.completedFuture(clasp.api.http.HttpResponse.text(200, name + " " + request.path())
                    .with("Cache-Control", "no-store"));
        };
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer abc").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLongestWholeSegmentPathWinsAndOthersAre404() throws Exception {
        String base = base();
        transport.addHttpEndpoint(answering("ui"), Map.of(HttpEndpoint.PATH, "/ui"));
        transport.addHttpEndpoint(answering("api"), Map.of(HttpEndpoint.PATH, "/ui/api"));

        assertThat(get(base + "/ui").body()).isEqualTo("ui /ui");
        assertThat(get(base + "/ui/app.js").body()).isEqualTo("ui /ui/app.js");
        assertThat(get(base + "/ui/api/sessions?x=1&x=2").body()).isEqualTo("api /ui/api/sessions");
        HttpResponse<String> other = get(base + "/uix");
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(get(base + "/").body()).isEqualTo("ok");

        clasp.api.http.HttpRequest request = seen.get(2);
        assertThat(request.query()).containsEntry("x", List.of("1", "2"));
        assertThat(request.bearerToken()).contains("abc");
        assertThat(request.listener()).isEqualTo("web");
        assertThat(request.remote()).startsWith("127.0.0.1:");
        assertThat(get(base + "/ui").headers().firstValue("cache-control")).contains("no-store");
    }

    @Test
    void aRemovedEndpointIs404AndABadPathIsIgnored() throws Exception {
        String base = base();
        HttpEndpoint metrics = answering("metrics");
        transport.addHttpEndpoint(metrics, Map.of(HttpEndpoint.PATH, "/metrics"));
        transport.addHttpEndpoint(answering("sse"), Map.of(HttpEndpoint.PATH, "/sse"));
        transport.addHttpEndpoint(answering("slash"), Map.of(HttpEndpoint.PATH, "/x/"));
        assertThat(get(base + "/metrics").statusCode()).isEqualTo(200);
        assertThat(get(base + "/x/y").statusCode()).isEqualTo(404);
        transport.removeHttpEndpoint(metrics);
        assertThat(get(base + "/metrics").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailingEndpointGives500AndAPostBodyArrives() throws Exception {
        String base = base();
        transport.addHttpEndpoint(request -> { throw new IllegalStateException("broken"); }, Map.of(HttpEndpoint.PATH, "/broken"));
        transport.addHttpEndpoint(request -> CompletableFuture.failedFuture(new IllegalStateException("later")),
                Map.of(HttpEndpoint.PATH, "/later"));
        transport.addHttpEndpoint(answering("post"), Map.of(HttpEndpoint.PATH, "/post"));
        assertThat(get(base + "/broken").statusCode()).isEqualTo(500);
        assertThat(get(base + "/later").statusCode()).isEqualTo(500);
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/post"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aListenerServesOnlyTheEndpointsItsHttpPathsName() throws Exception {
        String base = base("httpPaths", " /health, /ready ");
        transport.addHttpEndpoint(answering("health"), Map.of(HttpEndpoint.PATH, "/health"));
        transport.addHttpEndpoint(answering("ui"), Map.of(HttpEndpoint.PATH, "/ui"));
        transport.addHttpEndpoint(answering("ui api"), Map.of(HttpEndpoint.PATH, "/ui/api"));
        assertThat(get(base + "/health").body()).isEqualTo("health /health");
        assertThat(get(base + "/ui/").statusCode()).isEqualTo(404);
        assertThat(get(base + "/ui/api/whoami").statusCode()).isEqualTo(404);
        assertThat(get(base + "/").body()).isEqualTo("ok");
    }

    @Test
    void anEmptyHttpPathsServesNoEndpointAndABadEntryIsRefused() throws Exception {
        String base = base("httpPaths", "");
        transport.addHttpEndpoint(answering("health"), Map.of(HttpEndpoint.PATH, "/health"));
        assertThat(get(base + "/health").statusCode()).isEqualTo(404);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WebSocketTransport(TestConfig.loopback("httpPaths", "metrics"),
                        Map.of("service.pid", "clasp.transport.websocket~bad"), TestConfig.DATA))
                .hasMessage("clasp.transport.websocket: invalid configuration: httpPaths: 'metrics' is not an endpoint path "
                        + "like /metrics (or give *)");
    }
}
