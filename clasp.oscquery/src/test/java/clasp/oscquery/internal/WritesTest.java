package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.router.ParamState;
import clasp.osc.OscArgument;
import clasp.osc.OscBundle;
import clasp.osc.OscMessage;
import clasp.osc.OscTimetag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** OSC messages from WebSocket clients: SETs through the server's session, so the authoriser applies. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WritesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void anOscMessageFromAClientSetsTheParamAndListenersGetIt() throws Exception {
        try (TestServer s = new TestServer(); WsClientRecorder writer = s.client();
             WsClientRecorder listener = s.client()) {
            s.set("/desk/fader", Value.of(0.0));
            Awaitility.await().atMost(WAIT).until(() -> listener.texts().size() == 1);   // its PATH_ADDED: that SET is through
            listener.command("LISTEN", "/desk/fader");
            Awaitility.await().atMost(WAIT).until(() -> s.server.listeners("/desk/fader") == 1);
            writer.sendOsc(new OscMessage("/desk/fader", new OscArgument.Float32(0.5f)));
            writer.sendOsc(new OscMessage("/desk/pair", new OscArgument.Int32(3), new OscArgument.Text("go")));
            Awaitility.await().atMost(WAIT).until(() -> s.router.param("/desk/pair").isPresent());
            assertThat(s.router.param("/desk/fader").map(ParamState::value)).contains(Value.of(0.5));
            assertThat(s.router.param("/desk/pair").map(ParamState::value)).contains(Value.of(List.of(Value.of(3L), Value.of("go"))));
            Awaitility.await().atMost(WAIT).until(() -> listener.osc().size() == 1);
            assertThat(listener.osc().get(0)).isEqualTo(new OscMessage("/desk/fader", new OscArgument.Float32(0.5f)));
            assertThat(s.server.writes().applied.sum()).isEqualTo(2);
        }
    }

    @Test
    void malformedPacketsBundlesAndRefusedSetsAreCountedAndDroppedAndTheConnectionStays() throws Exception {
        Authoriser noLockedWrites = (principal, action, address) -> action != Action.SET || !address.startsWith("/locked");
        try (TestServer s = new TestServer(); WsClientRecorder writer = s.client()) {
            s.set("/open", Value.of(1L));
            s.useAuthoriser(noLockedWrites);
            writer.sendBinary(new byte[] {'/', 'x', 0, 0, ',', 'i', 0});                          // truncated
            writer.sendOsc(new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/open", new OscArgument.Int32(5))));
            writer.sendOsc(new OscMessage("/locked/x", new OscArgument.Int32(7)));
            writer.sendOsc(new OscMessage("/open", new OscArgument.Int32(2)));
            Awaitility.await().atMost(WAIT).until(() -> s.router.param("/open").map(ParamState::value).orElseThrow().equals(Value.of(2L)));
            assertThat(s.server.writes().malformed.sum()).isEqualTo(1);
            assertThat(s.router.param("/locked/x")).isEmpty();
            assertThat(s.server.writes().refused.sum()).isEqualTo(2);
            assertThat(s.server.writes().applied.sum()).isEqualTo(1);
            assertThat(s.router.param("/locked/x")).isEmpty();
            assertThat(s.get("/locked").statusCode()).isEqualTo(404);
        }
    }
}
