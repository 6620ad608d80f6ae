package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.SetMessage;
import clasp.protocol.ClaspCodec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics, /health and /ready on the runtime's WebSocket listener (bundle clasp.metrics): exact counts after known
 * traffic, sessions by transport, readiness naming a listener that cannot bind, and a bearer token in authenticated
 * mode.
 */
class MetricsIT {
    private static final String READY = "CLASP runtime ready in ";
    private static final String NOT_READY = "CLASP runtime not ready: waiting for ";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @TempDir
    Path workDir;

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT);
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The three endpoints come with the bundles of the last start level, a moment after the ready line, each
     * registered on its own (404 until then).
     */
    private static void awaitProbes(int port) {
        Eventually.until("GET /health on " + port, WAIT, () -> get(port, "/health", null).statusCode() == 200);
        Eventually.until("GET /ready on " + port, WAIT, () -> get(port, "/ready", null).statusCode() != 404);
        Eventually.until("GET /metrics on " + port, WAIT, () -> get(port, "/metrics", null).statusCode() != 404);
    }

    @Test
    void exactCountsAfterKnownTrafficAndBothProbesUp() throws Exception {
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            runtime.awaitLine(READY, START);
            awaitProbes(port);
            HttpResponse<String> health = get(port, "/health", null);
            assertThat(health.body()).isEqualTo("ok\n");
            HttpResponse<String> ready = get(port, "/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("ready\n");

            long setBytes = 0;
            URI uri = URI.create("ws://127.0.0.1:" + port + "/");
            try (ClaspClient reader = ClaspClient.connect(uri, "reader"); ClaspClient writer = ClaspClient.connect(uri, "writer")) {
                reader.subscribe(1, "/metrics-it/**");
                for (int i = 1; i <= 5; i++) {
                    SetMessage set = new SetMessage("/metrics-it/fader", Value.of((long) i));
                    setBytes += ClaspCodec.defaults().encode(Frame.of(set)).length;
                    writer.send(set);
                }
                writer.sync();
                Eventually.until("the five SETs at the reader", WAIT, () -> reader.sets("/metrics-it/fader").size() == 5);

                HttpResponse<String> metrics = get(port, "/metrics", null);
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
                List<String> lines = metrics.body().lines().toList();
                assertThat(lines).contains(
                        "clasp_frames_received_total{type=\"SET\"} 5",
                        "clasp_received_bytes_total{type=\"SET\"} " + setBytes,
                        "clasp_frames_sent_total{type=\"SET\"} 5",
                        "clasp_frames_sent_total{type=\"ACK\"} 5",
                        "clasp_frames_received_total{type=\"HELLO\"} 2",
                        "clasp_frames_sent_total{type=\"WELCOME\"} 2",
                        "clasp_handshakes_total 2",
                        "clasp_sessions{transport=\"websocket:default\"} 2",
                        "clasp_transport_state{transport=\"websocket:default\",kind=\"websocket\",state=\"ONLINE\"} 1",
                        "clasp_transport_connections{transport=\"websocket:default\",kind=\"websocket\"} 2",
                        "clasp_deliveries_dropped_total{reason=\"congested\"} 0",
                        "clasp_session_queued_bytes_count 2",
                        "# TYPE clasp_session_queued_bytes histogram");
                assertThat(lines).anyMatch(l -> l.startsWith("clasp_jvm_memory_used_bytes{area=\"heap\"} "))
                        .anyMatch(l -> l.startsWith("clasp_jvm_threads "));
            }
        }
    }

    @Test
    void readyIs503NamingAListenerThatCannotBindWhileHealthStaysOk() throws Exception {
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(etc.resolve("clasp.transport.websocket-foh.cfg"), "host=127.0.0.1\nport=" + busy.getLocalPort() + "\n");
            try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
                runtime.awaitLine(NOT_READY, START);
                awaitProbes(port);
                HttpResponse<String> ready = get(port, "/ready", null);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).startsWith("not ready\nwebsocket listener foh: FAILED (")
                        .contains(":" + busy.getLocalPort()).doesNotContain("listener default");
                assertThat(get(port, "/metrics", null).body()).contains(
                        "clasp_transport_state{transport=\"websocket:foh\",kind=\"websocket\",state=\"FAILED\"} 1");
            }
        }
    }

    @Test
    void inAuthenticatedModeMetricsNeedsATokenThatMayReadIt() throws Exception {
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        ForgedTokens keys = new ForgedTokens();   // its key is a trust anchor here: its tokens are genuine
        Files.writeString(etc.resolve("clasp.security.cfg"), "mode=authenticated\ntrustAnchors=" + keys.attackerKeyHex() + "\n");
        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            runtime.awaitLine(READY, START);
            awaitProbes(port);
            assertThat(get(port, "/ready", null).statusCode()).isEqualTo(200);

            HttpResponse<String> none = get(port, "/metrics", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).hasValue("Bearer realm=\"clasp\"");
            assertThat(get(port, "/metrics", "cpsk_00000000000000000000000000000000").statusCode()).isEqualTo(401);
            assertThat(get(port, "/metrics", keys.selfSignedRoot(List.of("read:/lights/**"))).statusCode()).isEqualTo(403);
            HttpResponse<String> allowed = get(port, "/metrics", keys.selfSignedRoot(List.of("read:/clasp/metrics")));
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(allowed.body()).contains("\nclasp_handshakes_total 0\n");
            assertThat(runtime.output()).anyMatch(l -> l.contains("metrics-refused") && l.contains("status=403"));
        }
    }
}
