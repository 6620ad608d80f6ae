package clasp.transport.websocket.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Configuration changes applied live (DS @Modified) to one instance among others. */
class ModifiedTest {
    private final RecordingAcceptor router = new RecordingAcceptor();
    private final Map<WebSocketTransport, Map<String, Object>> running = new HashMap<>();

    @AfterEach
    void stopAll() {
        running.keySet().forEach(WebSocketTransport::deactivate);
    }

    private WebSocketTransport start(String name) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        WebSocketTransport transport = new WebSocketTransport(TestConfig.of(new HashMap<>(values)),
                Map.of("service.pid", "clasp.transport.websocket~" + name), TestConfig.DATA);
        running.put(transport, values);
        transport.open(router);
        return transport;
    }

    /** What DS does on a configuration update: the instance's values with {@code key} changed, to @Modified. */
    private void modify(WebSocketTransport transport, String key, Object value) {
        Map<String, Object> values = running.get(transport);
        values.put(key, value);
        transport.modified(TestConfig.of(new HashMap<>(values)));
    }

    private static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static void echoes(TestClient client, byte marker) throws Exception {
        int before = client.binaries.size();
        client.sendBinary(new byte[] {0x53, marker});
        await().atMost(30, SECONDS).until(() -> client.binaries.size() == before + 1);
        assertThat(client.binaries.get(before)).containsExactly(0x53, marker);
    }

    @Test
    void aPortChangeRebindsThatInstanceOnlyAndEveryOpenConnectionStays() throws Exception {
        WebSocketTransport a = start("a");
        WebSocketTransport b = start("b");
        int oldPort = a.localAddress().getPort();
        TestClient onA = TestClient.connect(ws(oldPort));
        TestClient onB = TestClient.connect(ws(b.localAddress().getPort()));
        echoes(onA, (byte) 1);
        echoes(onB, (byte) 2);

        int newPort = freePort();
        modify(a, "port", newPort);

        assertThat(a.localAddress().getPort()).isEqualTo(newPort);
        assertThat(a.endpoint()).isEqualTo("ws://127.0.0.1:" + newPort + "/");
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", oldPort), 5_000))
                .isInstanceOf(ConnectException.class);
        TestClient onNewPort = TestClient.connect(ws(newPort));
        echoes(onNewPort, (byte) 3);
        echoes(onB, (byte) 4);      // the other instance never noticed
        echoes(onA, (byte) 5);      // nor did the connections on the old port
        assertThat(onA.closed).isNotDone();
        assertThat(onB.closed).isNotDone();
        assertThat(router.peers).hasSize(3).allMatch(p -> p.closedCalls.get() == 0);
    }

    @Test
    void aChangeThatNeedsNoNewAddressKeepsListeningAndAppliesToNewConnections() throws Exception {
        WebSocketTransport a = start("a");
        int port = a.localAddress().getPort();
        TestClient before = TestClient.connect(ws(port));
        modify(a, "sse", false);
        assertThat(a.localAddress().getPort()).isEqualTo(port);
        try (SseClient sse = SseClient.get(new InetSocketAddress("127.0.0.1", port), "/sse?pattern=/**")) {
            assertThat(sse.status).isEqualTo(404);
        }
        echoes(before, (byte) 1);
    }

    @Test
    void anInvalidChangeOrAnAddressInUseLeavesTheInstanceAsItWas() throws Exception {
        WebSocketTransport a = start("a");
        WebSocketTransport b = start("b");
        int port = a.localAddress().getPort();
        modify(a, "maxPendingUpgrades", 0);
        assertThat(a.localAddress().getPort()).isEqualTo(port);
        modify(a, "maxPendingUpgrades", 256);
        modify(a, "port", b.localAddress().getPort());   // taken by b
        assertThat(a.localAddress().getPort()).isEqualTo(port);
        assertThat(a.endpoint()).isEqualTo("ws://127.0.0.1:" + port + "/");
        echoes(TestClient.connect(ws(port)), (byte) 1);
    }

    @Test
    void newEventLoopsReopenTheInstanceOnTheSamePort() throws Exception {
        WebSocketTransport a = start("a");
        WebSocketTransport b = start("b");
        int port = a.localAddress().getPort();
        TestClient onA = TestClient.connect(ws(port));
        TestClient onB = TestClient.connect(ws(b.localAddress().getPort()));
        modify(a, "port", port);      // port 0 would pick another: keep the one bound
        modify(a, "ioThreads", 2);
        assertThat(onA.closed.get(30, SECONDS).code()).isEqualTo(1001);
        assertThat(a.localAddress().getPort()).isEqualTo(port);
        echoes(TestClient.connect(ws(port)), (byte) 1);
        echoes(onB, (byte) 2);
    }
}
