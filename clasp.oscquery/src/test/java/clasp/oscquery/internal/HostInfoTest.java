package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.router.PluginState;
import clasp.protocol.transport.ConnectionAcceptor;
import clasp.protocol.transport.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ?HOST_INFO}: the name, the extensions, the WebSocket, and the router's OSC adapter when one runs. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostInfoTest {
    private static final String EXTENSIONS = """
            {"ACCESS": true, "VALUE": true, "RANGE": true, "DESCRIPTION": true, "LISTEN": true, "PATH_CHANGED": true,
             "PATH_ADDED": true, "PATH_REMOVED": true, "TAGS": false, "EXTENDED_TYPE": false, "UNIT": false,
             "CRITICAL": false, "CLIPMODE": false, "OVERLOADS": false, "PATH_RENAMED": false, "HTML": false}""";

    /** An OSC adapter as the router sees it: a transport of kind "osc" reporting its endpoint. */
    private record OscAdapter(String endpoint) implements Transport {
        @Override public void open(ConnectionAcceptor acceptor) { }
        @Override public void close() { }
    }

    @Test
    void withoutAnOscAdapterThereIsNoOscPartAndTheWebSocketIsThisServer() throws Exception {
        try (TestServer s = new TestServer("name", "Stage Left")) {
            assertThat(s.json("/?HOST_INFO")).isEqualTo(TestServer.parse("{\"NAME\": \"Stage Left\", \"EXTENSIONS\": " + EXTENSIONS
                    + ", \"WS_IP\": \"127.0.0.1\", \"WS_PORT\": " + s.port + "}"));
            assertThat(s.json("/any/path?HOST_INFO")).isEqualTo(s.json("/?HOST_INFO"));
        }
    }

    @Test
    void theOscAdaptersEndpointIsTheOscPartAWildcardAddressAsTheOneTheClientReached() throws Exception {
        try (TestServer s = new TestServer()) {
            s.router.plugins().addTransport(1L, new OscAdapter("osc.udp://0.0.0.0:8000"),
                    Map.of(Transport.ID, "osc-main", Transport.KIND, "osc"));
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> s.router.transports().stream()
                    .anyMatch(t -> t.kind().equals("osc") && t.state() != PluginState.OPENING));
            assertThat(s.json("/?HOST_INFO")).isEqualTo(TestServer.parse("{\"NAME\": \"CLASP Router\", \"EXTENSIONS\": " + EXTENSIONS
                    + ", \"OSC_IP\": \"127.0.0.1\", \"OSC_PORT\": 8000, \"OSC_TRANSPORT\": \"UDP\""
                    + ", \"WS_IP\": \"127.0.0.1\", \"WS_PORT\": " + s.port + "}"));
        }
    }

    @Test
    void endpointsAreReadByUriHostPortAndATcpScheme() {
        assertThat(OscServerEndpoint.parse("udp://10.0.0.5:9000")).contains(new OscServerEndpoint("10.0.0.5", 9000, "UDP"));
        assertThat(OscServerEndpoint.parse("osc.tcp://desk.local:1234")).contains(new OscServerEndpoint("desk.local", 1234, "TCP"));
        assertThat(OscServerEndpoint.parse("osc.udp://[::1]:8000")).contains(new OscServerEndpoint("::1", 8000, "UDP"));
        assertThat(OscServerEndpoint.parse("osc.udp://host")).isEqualTo(Optional.empty());
        assertThat(OscServerEndpoint.parse("not a uri")).isEqualTo(Optional.empty());
    }
}
