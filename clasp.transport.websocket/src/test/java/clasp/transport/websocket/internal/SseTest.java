package clasp.transport.websocket.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.protocol.transport.Connection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SSE observer (GET /sse) over real sockets, in front of the real router core. */
class SseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "[0-9a-f]{16}-";

    private final RealRouter router = new RealRouter((principal, action, address) ->
            action != Action.SUBSCRIBE || !address.startsWith("/secret"));
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    @AfterEach
    void stopRouter() {
        router.close();
    }

    private static InetSocketAddress address(WebSocketTransport transport) {
        return transport.localAddress();
    }

    /** The data of an event for a live change: its timestamp is the moment it was relayed, so only its shape is known. */
    private static String live(String address, String value, long revision) {
        return "\\{\"address\":\"" + address.replace("/", "\\/") + "\",\"value\":" + value + ",\"revision\":" + revision
                + ",\"timestamp\":\\d{16}\\}";
    }

    @Test
    void aClientGetsTheMatchingParamsAsTheyChangeAndNothingElse() throws Exception {
        RealRouter.Writer writer = router.writer();
        writer.set("/lights/a", Value.of(1L));
        writer.set("/sound/x", Value.of(2L));
        WebSocketTransport transport = listeners.start();
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/lights/**")) {
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.headers).containsEntry("content-type", "text/event-stream; charset=utf-8")
                    .containsEntry("cache-control", "no-cache").containsEntry("transfer-encoding", "chunked");
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 1);
            SseClient.Event first = sse.events.get(0);
            long written = JSON.readTree(first.data()).get("timestamp").asLong();
            assertThat(first.data()).isEqualTo("{\"address\":\"/lights/a\",\"value\":1,\"revision\":1,\"writer\":\""
                    + writer.sessionId + "\",\"timestamp\":" + written + "}");
            assertThat(first.id()).matches(ID + "1");
            String key = first.id().substring(0, 16);

            writer.set("/lights/a", Value.of(2.5));
            writer.set("/sound/x", Value.of(3L));
            writer.set("/lights/b", Value.of("x"));
            writer.set("/lights/a", Value.of(true));
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 4);
            assertThat(sse.events).extracting(SseClient.Event::id).containsExactly(key + "-1", key + "-2", key + "-3", key + "-4");
            assertThat(sse.events.get(1).data()).matches(live("/lights/a", "2.5", 2));
            assertThat(sse.events.get(2).data()).matches(live("/lights/b", "\"x\"", 1));
            assertThat(sse.events.get(3).data()).matches(live("/lights/a", "true", 3));
            assertThat(sse.events).allMatch(e -> e.event() == null);
        }
    }

    @Test
    void everyValueKindHasItsJson() throws Exception {
        WebSocketTransport transport = listeners.start();
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/v/*")) {
            assertThat(sse.status).isEqualTo(200);
            RealRouter.Writer writer = router.writer();
            Map<String, Value> values = new LinkedHashMap<>();
            values.put("/v/null", Value.ofNull());
            values.put("/v/long", Value.of(Long.MIN_VALUE));
            values.put("/v/bytes", Value.of(new byte[] {1, 2, (byte) 0xFF}));
            values.put("/v/nan", Value.of(Double.NaN));
            values.put("/v/infinite", Value.of(Double.NEGATIVE_INFINITY));
            values.put("/v/text", Value.of("line\nbreak \"quoted\" é"));
            values.put("/v/list", Value.of(List.of(Value.of(1L), Value.of(false), Value.of(List.of()))));
            values.put("/v/map", Value.of(new LinkedHashMap<>(Map.of("k", Value.of(0.25)))));
            values.forEach(writer::set);
            await().atMost(30, SECONDS).until(() -> sse.events.size() == values.size());
            assertThat(sse.events).extracting(e -> JSON.readTree(e.data()).get("value").toString()).containsExactly(
                    "null", "-9223372036854775808", "{\"$bytes\":\"AQL/\"}", "{\"$float\":\"NaN\"}",
                    "{\"$float\":\"-Infinity\"}", "\"line\\nbreak \\\"quoted\\\" é\"", "[1,false,[]]", "{\"k\":0.25}");
        }
    }

    @Test
    void aClientResumingWithLastEventIdGetsWhatChangedSinceAndNothingItHad() throws Exception {
        RealRouter.Writer writer = router.writer();
        writer.set("/lights/a", Value.of(1L));
        writer.set("/lights/b", Value.of(1L));
        WebSocketTransport transport = listeners.start();
        String lastId;
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/lights/**")) {
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 2);
            writer.set("/lights/a", Value.of(2L));
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 3);
            lastId = sse.lastEventId();
        }
        await().atMost(30, SECONDS).until(() -> transport.parkedSseStreams() == 1);
        writer.set("/lights/a", Value.of(3L));
        writer.set("/lights/a", Value.of(4L));
        writer.set("/lights/c", Value.of(1L));
        writer.set("/sound/x", Value.of(1L));
        String key = lastId.substring(0, 16);
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/lights/**", "Last-Event-ID: " + lastId)) {
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 2);
            assertThat(revisions(sse.events)).containsExactlyInAnyOrderEntriesOf(Map.of("/lights/a", 4L, "/lights/c", 1L));
            assertThat(sse.events).extracting(SseClient.Event::id).containsExactlyInAnyOrder(key + "-4", key + "-5");
            writer.set("/lights/b", Value.of(2L));
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 3);
            assertThat(sse.events.get(2).id()).isEqualTo(key + "-6");
            assertThat(revisions(sse.events.subList(2, 3))).containsExactlyEntriesOf(Map.of("/lights/b", 2L));
        }
        // A client that missed an event (its last id is older) gets the param again; an unknown id gets everything.
        await().atMost(30, SECONDS).until(() -> transport.parkedSseStreams() == 1);
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/lights/**", "Last-Event-ID: " + key + "-5")) {
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 1);
            assertThat(revisions(sse.events)).containsExactlyEntriesOf(Map.of("/lights/b", 2L));
        }
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/lights/**", "Last-Event-ID: 0123456789abcdef-9")) {
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 3);
            assertThat(revisions(sse.events)).containsExactlyInAnyOrderEntriesOf(
                    Map.of("/lights/a", 4L, "/lights/b", 2L, "/lights/c", 1L));
            assertThat(sse.events.get(0).id()).doesNotStartWith("0123456789abcdef");
        }
    }

    /** Rounds of drop and resume while a writer changes params: every client ends current, never older or twice. */
    @Test
    void resumingUnderConcurrentWritesMissesNoRevisionAndRepeatsNone() throws Exception {
        WebSocketTransport transport = listeners.start();
        int addresses = 16;
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread writerThread = new Thread(() -> {
            RealRouter.Writer writer = router.writer();
            for (long n = 0; writing.get(); n++) {
                writer.set("/w/" + (n % addresses), Value.of(n));
                if (n % 64 == 0) Thread.onSpinWait();
            }
        }, "sse-test-writer");
        writerThread.start();
        Map<String, Long> had = new HashMap<>();
        String lastId = null;
        try {
            // each round's waits look every 5 ms: Awaitility's default first look, 100 ms on, would be most of a round
            Duration poll = Duration.ofMillis(5);
            for (int round = 0; round < 20; round++) {
                String[] headers = lastId == null ? new String[0] : new String[] {"Last-Event-ID: " + lastId};
                SseClient sse = SseClient.get(address(transport), "/sse?pattern=/w/*", headers);
                assertThat(sse.status).isEqualTo(200);
                await().atMost(30, SECONDS).pollInterval(poll).until(() -> sse.events.size() > 20);
                sse.close();   // dropped while events keep coming
                await().atMost(30, SECONDS).pollInterval(poll).until(() -> sse.ended);
                absorbChecked(had, sse.events);
                lastId = sse.lastEventId();
                await().atMost(30, SECONDS).pollInterval(poll)
                        .until(() -> transport.openSseStreams() == 0 && transport.parkedSseStreams() == 1);
            }
        } finally {
            writing.set(false);
            writerThread.join(30_000);
        }
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/w/*", "Last-Event-ID: " + lastId)) {
            await().atMost(30, SECONDS).until(() -> {
                Map<String, Long> now = new HashMap<>(had);
                for (SseClient.Event e : sse.events) now.put(address(e), revision(e));
                for (int i = 0; i < addresses; i++) {
                    if (now.getOrDefault("/w/" + i, 0L) != router.revision("/w/" + i)) return false;
                }
                return true;
            });
            absorbChecked(had, sse.events);
        }
    }

    @Test
    void aRefusedOrBadSubscriptionIsAnHttpErrorNotAStream() throws Exception {
        WebSocketTransport transport = listeners.start();
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/secret/**")) {
            assertThat(sse.status).isEqualTo(403);
            assertThat(sse.body).isEqualTo("301 Insufficient scope for subscription\n");
        }
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/a//b")) {
            assertThat(sse.status).isEqualTo(400);
            assertThat(sse.body).startsWith("202 ");
        }
        try (SseClient sse = SseClient.get(address(transport), "/sse")) {
            assertThat(sse.status).isEqualTo(400);
            assertThat(sse.body).isEqualTo("400 a pattern is required: /sse?pattern=/a/**\n");
        }
        assertThat(transport.refusals().total(WebSocketRefusal.SSE_REFUSED)).isEqualTo(3);
        await().atMost(30, SECONDS).until(() -> transport.openSseStreams() == 0);
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        WebSocketTransport transport = listeners.start("sseHeartbeatSeconds", 1);
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/quiet/**")) {
            assertThat(sse.status).isEqualTo(200);
            Connection connection = router.connections.get(0);
            assertThat(connection.transport()).isEqualTo("sse");
            long before = connection.lastActivityNanos();
            await().atMost(30, SECONDS).until(() -> sse.pings.get() >= 2);
            assertThat(sse.comments).containsOnly(": ping");
            assertThat(sse.events).isEmpty();
            // A client that reads is active for the router's idle timeout, though it never sends a byte.
            assertThat(connection.lastActivityNanos()).isGreaterThan(before);
        }
    }

    @Test
    void aClientThatDoesNotReadIsClosedAsTooSlowAndCounted() throws Exception {
        WebSocketTransport transport = listeners.start("sseHeartbeatSeconds", 1, "sseMaxQueuedBytes", 4096);
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/big/*", false, 4096)) {
            assertThat(sse.status).isEqualTo(200);
            RealRouter.Writer writer = router.writer();
            String big = "x".repeat(4000);
            for (int i = 0; i < 4000 && transport.refusals().total(WebSocketRefusal.SSE_SLOW_READER) == 0; i++) {
                writer.set("/big/" + i, Value.of(big));   // distinct addresses: nothing to coalesce
            }
            await().atMost(60, SECONDS).until(() -> transport.refusals().total(WebSocketRefusal.SSE_SLOW_READER) == 1);
            await().atMost(30, SECONDS).until(() -> transport.openSseStreams() == 0);
            assertThat(transport.refusals().total(WebSocketRefusal.SSE_SLOW_READER)).isEqualTo(1);
        }
    }

    @Test
    void closingTheListenerEndsEveryStreamWithTheLastChunk() throws Exception {
        WebSocketTransport transport = listeners.start();
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/**")) {
            assertThat(sse.status).isEqualTo(200);
            router.writer().set("/x", Value.of(1L));
            await().atMost(30, SECONDS).until(() -> sse.events.size() == 1);
            transport.close();
            await().atMost(30, SECONDS).until(() -> sse.ended);
            assertThat(sse.cleanEnd).isTrue();
        }
        await().atMost(30, SECONDS).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(WebSocketTransport.THREAD_PREFIX + "test-")));
    }

    @Test
    void withSseOffTheObserverPathIsNotFound() throws Exception {
        WebSocketTransport transport = listeners.start("sse", false);
        try (SseClient sse = SseClient.get(address(transport), "/sse?pattern=/**")) {
            assertThat(sse.status).isEqualTo(404);
        }
    }

    private static void absorbChecked(Map<String, Long> had, List<SseClient.Event> events) throws Exception {
        for (SseClient.Event e : events) {
            Long before = had.put(address(e), revision(e));
            assertThat(before == null || revision(e) > before)
                    .as("%s revision %d after %d", address(e), revision(e), before).isTrue();
        }
    }

    private static Map<String, Long> revisions(List<SseClient.Event> events) throws Exception {
        Map<String, Long> out = new HashMap<>();
        for (SseClient.Event e : events) out.put(address(e), revision(e));
        return out;
    }

    private static String address(SseClient.Event e) {
        return tree(e).get("address").asText();
    }

    private static long revision(SseClient.Event e) {
        return tree(e).get("revision").asLong();
    }

    private static JsonNode tree(SseClient.Event e) {
        try {
            return JSON.readTree(e.data());
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}
