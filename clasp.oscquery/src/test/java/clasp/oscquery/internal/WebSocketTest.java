package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.osc.OscArgument;
import clasp.osc.OscMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket side with a real client (the JDK's): LISTEN / IGNORE, OSC value updates, path notifications. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static String note(String command, String path) {
        return "{\"COMMAND\":\"" + command + "\",\"DATA\":\"" + path + "\"}";
    }

    @Test
    void aListenerGetsTheOscMessageOfEachValueAnotherClientSets() throws Exception {
        try (TestServer s = new TestServer(); WsClientRecorder ws = s.client()) {
            s.set("/lights/1/level", Value.of(0.5));
            s.set("/lights/1/label", Value.of("front"));
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().contains(note("PATH_ADDED", "/lights/1/label")));
            ws.command("LISTEN", "/lights/1/level");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/lights/1/level") == 1);
            s.set("/lights/1/level", Value.of(0.25));
            s.set("/lights/1/label", Value.of("back"));            // not listened to
            s.set("/lights/1/level", Value.of(List.of(Value.of(7L), Value.of(true))));
            Awaitility.await().atMost(WAIT).until(() -> ws.osc().size() == 2);
            OscMessage first = ws.osc().get(0);
            assertThat(first.address()).isEqualTo("/lights/1/level");
            assertThat(OscValues.tags(first)).isEqualTo("f");
            assertThat(first.arguments()).containsExactly(new OscArgument.Float32(0.25f));
            OscMessage second = ws.osc().get(1);
            assertThat(OscValues.tags(second)).isEqualTo("iT");
            assertThat(second.arguments()).containsExactly(new OscArgument.Int32(7), OscArgument.TRUE);
            // The type changed from f to iT: the node changed, before its new value.
            assertThat(ws.received.get(ws.received.size() - 2)).isEqualTo(note("PATH_CHANGED", "/lights/1/level"));
        }
    }

    @Test
    void newParamsArePathAddedAndRemovedOnesPathRemoved() throws Exception {
        try (TestServer s = new TestServer()) {
            s.set("/show/existing", Value.of(1L));
            WsClientRecorder ws = s.client();
            Awaitility.await().atMost(WAIT).until(() -> s.server.clientCount() == 1);
            s.set("/show/existing", Value.of(2L));                  // known: no notification
            s.set("/show/cue/next", Value.of("Cue 12"));
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().contains(note("PATH_ADDED", "/show/cue/next")));
            assertThat(s.router.removeParams("/show/cue/**")).isEqualTo(1);
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().contains(note("PATH_REMOVED", "/show/cue/next")));
            s.set("/show/cue/next", Value.of("Cue 13"));            // back again
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().size() == 3);
            assertThat(ws.texts()).containsExactly(note("PATH_ADDED", "/show/cue/next"),
                    note("PATH_REMOVED", "/show/cue/next"), note("PATH_ADDED", "/show/cue/next"));
            assertThat(ws.osc()).isEmpty();                          // nothing listened to
            ws.close();
        }
    }

    @Test
    void ignoreStopsTheUpdatesOfThatPathOnly() throws Exception {
        try (TestServer s = new TestServer(); WsClientRecorder ws = s.client()) {
            s.set("/a", Value.of(1L));
            s.set("/b", Value.of(1L));
            // Deliveries are asynchronous: these SETs are through before what follows.
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().contains(note("PATH_ADDED", "/b")));
            ws.command("LISTEN", "/a");
            ws.command("LISTEN", "/b");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/b") == 1);
            s.set("/a", Value.of(2L));
            Awaitility.await().atMost(WAIT).until(() -> ws.osc().size() == 1);
            ws.command("IGNORE", "/a");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/a") == 0);
            s.set("/a", Value.of(3L));
            s.set("/b", Value.of(4L));
            s.set("/c", Value.of(5L));                               // a new param: the last thing sent
            Awaitility.await().atMost(WAIT).until(() -> ws.texts().contains(note("PATH_ADDED", "/c")));
            assertThat(ws.osc()).extracting(OscMessage::address).containsExactly("/a", "/b");
            assertThat(ws.osc()).extracting(m -> m.arguments().get(0)).containsExactly(new OscArgument.Int32(2), new OscArgument.Int32(4));
        }
    }

    @Test
    void textThatIsNoCommandIsIgnoredAndTheConnectionStays() throws Exception {
        try (TestServer s = new TestServer(); WsClientRecorder ws = s.client()) {
            s.set("/x", Value.of(1L));
            ws.sendText("not json");
            ws.sendText("{\"COMMAND\": \"LISTEN\"}");
            ws.sendText("{\"COMMAND\": \"RENAME\", \"DATA\": \"/x\"}");
            ws.sendText("{\"COMMAND\": \"LISTEN\", \"DATA\": \"x*\"}");
            ws.command("LISTEN", "/x");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/x") == 1);
            assertThat(s.server.ignoredMessages.sum()).isEqualTo(4);
            s.set("/x", Value.of(2L));
            // the update of 2 arrives (the first SET's delivery may reach the server after the LISTEN, and come too)
            Awaitility.await().atMost(WAIT).until(() -> ws.osc().stream()
                    .anyMatch(m -> m.arguments().get(0).equals(new OscArgument.Int32(2))));
            assertThat(ws.osc()).extracting(OscMessage::address).containsOnly("/x");
            assertThat(ws.closed).isNotDone();
        }
    }

    @Test
    void anUpgradePastMaxClientsIs503() throws Exception {
        try (TestServer s = new TestServer("maxClients", 1); WsClientRecorder first = s.client()) {
            Awaitility.await().atMost(WAIT).until(() -> s.server.clientCount() == 1);
            assertThatThrownBy(() -> new WsClientRecorder(s.ws())).cause().isInstanceOf(java.net.http.WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((java.net.http.WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(503));
            assertThat(first.closed).isNotDone();
        }
    }

    @Test
    void stoppingClosesTheClientsAndLeavesNoThreadAndNoSocket() throws Exception {
        TestServer s = new TestServer();
        int port = s.port;
        WsClientRecorder ws = s.client();
        try {
            ws.command("LISTEN", "/x");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/x") == 1);
            s.set("/x", Value.of(1L));
            Awaitility.await().atMost(WAIT).until(() -> ws.osc().size() == 1);
        } finally {
            s.close();
        }
        Awaitility.await().atMost(WAIT).until(ws.closed::isDone);
        Awaitility.await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(OscQueryServer.THREAD_PREFIX)));
        try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        ws.close();
    }
}
