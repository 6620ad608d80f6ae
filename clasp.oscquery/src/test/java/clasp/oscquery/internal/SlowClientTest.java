package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The outbound bound: a client that stops reading is closed once it is maxQueuedBytes behind; the others carry on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowClientTest {

    /** Reads nothing after the upgrade: the JDK client stops reading its socket when no message is requested. */
    private static final class Stalled implements WebSocket.Listener {
        @Override public void onOpen(WebSocket webSocket) { }
        @Override public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) { return null; }
    }

    @Test
    void aClientThatStopsReadingIsClosedAndAReadingOneKeepsItsUpdates() throws Exception {
        try (TestServer s = new TestServer("maxQueuedBytes", 65_536);
             WsClientRecorder reader = s.client()) {
            WebSocket stalled = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(s.ws(), new Stalled()).get(10, TimeUnit.SECONDS);
            stalled.sendText("{\"COMMAND\": \"LISTEN\", \"DATA\": \"/big\"}", true).get(10, TimeUnit.SECONDS);
            reader.command("LISTEN", "/small");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.server.listeners("/big") == 1 && s.server.listeners("/small") == 1);
            String chunk = "x".repeat(32 * 1024);
            int sent = 0;
            while (s.server.clientCount() == 2 && sent < 4_000) {
                s.set("/big", Value.of(chunk + sent));
                sent++;
                if (sent % 50 == 0) Thread.sleep(10);   // let the router's deliveries keep up rather than drop
            }
            assertThat(s.server.clientCount()).isEqualTo(1);
            s.set("/small", Value.of(1L));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reader.osc().size() == 1);
            assertThat(reader.osc().get(0).address()).isEqualTo("/small");
            assertThat(reader.texts()).containsExactly("{\"COMMAND\":\"PATH_ADDED\",\"DATA\":\"/big\"}",
                    "{\"COMMAND\":\"PATH_ADDED\",\"DATA\":\"/small\"}");
            assertThat(reader.closed).isNotDone();
            stalled.abort();
        }
    }
}
