package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.SetMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSE observer of the runtime's WebSocket listener, fed by a CLASP client writing over WebSocket. */
class SseIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    /** An EventSource-like reader: the id and data of every event, in order, until closed. */
    private static final class Events implements AutoCloseable {
        final int status;
        final String contentType;
        final List<String[]> events = new CopyOnWriteArrayList<>();   // {id, data}
        private final Stream<String> lines;

        Events(int port, String pattern, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sse?pattern=" + pattern))
                    .header("Accept", "text/event-stream");
            if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
            HttpResponse<Stream<String>> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            contentType = response.headers().firstValue("content-type").orElse("");
            lines = response.body();
            Thread reader = new Thread(() -> {
                String[] pending = new String[2];
                try {
                    lines.forEach(line -> {
                        if (line.startsWith("id: ")) pending[0] = line.substring(4);
                        else if (line.startsWith("data: ")) pending[1] = line.substring(6);
                        else if (line.isEmpty() && pending[1] != null) {
                            events.add(pending.clone());
                            pending[0] = null;
                            pending[1] = null;
                        }
                    });
                } catch (RuntimeException closed) {
                    // the test closed the stream
                }
            }, "sse-it-reader");
            reader.setDaemon(true);
            reader.start();
        }

        String lastId() {
            return events.get(events.size() - 1)[0];
        }

        @Override
        public void close() {
            lines.close();
        }
    }

    @Test
    void anSseClientSeesWhatAClaspClientWritesAndResumesWithLastEventId() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        int port = RuntimeProcess.quietListener(workDir.resolve("etc"));
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            runtime.awaitLine(RuntimeProcess.STATUS, Duration.ofSeconds(60));
            await().atMost(60, TimeUnit.SECONDS).until(() -> Net.probe(port) == 200);
            try (ClaspWebSocketClient writer = ClaspWebSocketClient.connect(port, "writer")) {
                set(writer, "/show/a", Value.of(1L));
                String lastId;
                try (Events sse = new Events(port, "/show/**", null)) {
                    assertThat(sse.status).isEqualTo(200);
                    assertThat(sse.contentType).isEqualTo("text/event-stream; charset=utf-8");
                    await().atMost(30, TimeUnit.SECONDS).until(() -> sse.events.size() == 1);
                    assertThat(sse.events.get(0)[1]).startsWith("{\"address\":\"/show/a\",\"value\":1,\"revision\":1,\"writer\":\"");
                    set(writer, "/other", Value.of(1L));
                    set(writer, "/show/b", Value.of("x"));
                    await().atMost(30, TimeUnit.SECONDS).until(() -> sse.events.size() == 2);
                    assertThat(sse.events.get(1)[1]).matches("\\{\"address\":\"/show/b\",\"value\":\"x\",\"revision\":1,\"timestamp\":\\d+}");
                    lastId = sse.lastId();
                }
                set(writer, "/show/a", Value.of(2L));
                // The server parks the closed stream's record when it sees the close; until then a resume starts afresh.
                await().atMost(30, TimeUnit.SECONDS).until(() -> {
                    try (Events resumed = new Events(port, "/show/**", lastId)) {
                        await().atMost(30, TimeUnit.SECONDS).until(() -> !resumed.events.isEmpty());
                        if (!resumed.events.get(0)[0].startsWith(lastId.substring(0, 17))) return false;
                        Thread.sleep(500);   // nothing else may follow
                        assertThat(resumed.events).hasSize(1);
                        assertThat(resumed.events.get(0)[1]).startsWith("{\"address\":\"/show/a\",\"value\":2,\"revision\":2,");
                        return true;
                    }
                });
            }
        }
    }

    private static void set(ClaspWebSocketClient client, String address, Value value) throws Exception {
        int from = client.count();
        client.send(new SetMessage(address, value));
        client.await(from, m -> m instanceof AckMessage a && address.equals(a.address()), Duration.ofSeconds(30));
    }
}
