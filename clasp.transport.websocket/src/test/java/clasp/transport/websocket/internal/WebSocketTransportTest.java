package clasp.transport.websocket.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.protocol.transport.Connection;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketTransportTest {
    private static final int LARGEST_FRAME = 65_547;

    private final RecordingAcceptor router = new RecordingAcceptor();
    private final List<WebSocketTransport> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(WebSocketTransport::deactivate);
        running.clear();
    }

    private WebSocketTransport start(Object... config) {
        WebSocketTransport transport = opened(TestConfig.loopback(config));
        running.add(transport);
        return transport;
    }

    /** What the router does with a registered instance: construct (DS), then open with its acceptor. */
    private WebSocketTransport opened(WebSocketTransportConfig config) {
        WebSocketTransport transport = new WebSocketTransport(config, Map.of("service.pid", "clasp.transport.websocket~test"),
                TestConfig.DATA);
        transport.open(router);
        return transport;
    }

    @Test
    void theEndpointNamesTheBoundPortAndPath() {
        WebSocketTransport transport = start("path", "/clasp");
        assertThat(transport.endpoint()).isEqualTo("ws://127.0.0.1:" + transport.localAddress().getPort() + "/clasp");
        transport.close();
        assertThat(transport.endpoint()).isEmpty();
    }

    private static URI ws(WebSocketTransport transport, String path) {
        return URI.create("ws://127.0.0.1:" + transport.localAddress().getPort() + path);
    }

    private static byte[] frame(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] = 0x53; // looks like CLASP; the transport does not parse it
        return bytes;
    }

    @Test
    void echoesTheClaspSubprotocol() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        assertThat(client.socket.getSubprotocol()).isEqualTo("clasp");
    }

    @Test
    void acceptsClientsThatOfferNoSubprotocol() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"));
        assertThat(client.socket.getSubprotocol()).isEmpty();
        byte[] frame = frame(20);
        client.sendBinary(frame);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(client.binaries).containsExactly(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/clasp", "/any/path", "/clasp?token=x"})
    void upgradesOnAnyPath(String path) throws Exception {
        TestClient client = TestClient.connect(ws(start(), path), "clasp");
        assertThat(client.socket.getSubprotocol()).isEqualTo("clasp");
        await().atMost(30, SECONDS).until(() -> router.peers.size() == 1);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void deliversAFrameByteExactAndEchoesItBack(boolean epoll) throws Exception {
        WebSocketTransport transport = start("epoll", epoll);
        assertThat(transport.ioKind()).isEqualTo(epoll && Epoll.isAvailable() ? "epoll" : "nio");
        TestClient client = TestClient.connect(ws(transport, "/"), "clasp");
        byte[] frame = frame(300);
        client.sendBinary(frame);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(client.binaries).containsExactly(frame));
        assertThat(router.only().frames).containsExactly(frame);
        Connection connection = router.only().connection;
        assertThat(connection.transport()).isEqualTo("websocket");
        assertThat(connection.remoteAddress()).startsWith("127.0.0.1:");
    }

    @Test
    void theLargestLegalClaspFramePassesBothWays() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        byte[] frame = frame(LARGEST_FRAME);
        client.sendBinary(frame);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(client.binaries).hasSize(1));
        assertThat(client.binaries.get(0)).isEqualTo(frame);
        assertThat(router.only().frames.get(0)).isEqualTo(frame);
    }

    @Test
    void aFragmentedMessageIsOneFrame() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        byte[] frame = frame(LARGEST_FRAME);
        client.sendFragments(Arrays.copyOfRange(frame, 0, 1000), Arrays.copyOfRange(frame, 1000, 40_000),
                Arrays.copyOfRange(frame, 40_000, LARGEST_FRAME));
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(router.only().frames).hasSize(1));
        assertThat(router.only().frames.get(0)).isEqualTo(frame);
    }

    @Test
    void anOversizedFrameClosesOnlyItsConnection() throws Exception {
        WebSocketTransport transport = start();
        TestClient other = TestClient.connect(ws(transport, "/"), "clasp");
        TestClient offender = TestClient.connect(ws(transport, "/"), "clasp");
        offender.socket.sendBinary(ByteBuffer.wrap(frame(LARGEST_FRAME + 1)), true);

        assertThat(offender.closed.get(30, SECONDS).code()).isEqualTo(1009);
        await().atMost(30, SECONDS).until(() -> router.peers.stream().anyMatch(p -> p.closedCalls.get() == 1));
        byte[] frame = frame(100);
        other.sendBinary(frame);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(other.binaries).containsExactly(frame));
        assertThat(router.peers).hasSize(2).allSatisfy(p -> assertThat(p.frames).hasSizeLessThanOrEqualTo(1));
    }

    @Test
    void anOversizedFragmentedMessageClosesItsConnectionWith1009() throws Exception {
        WebSocketTransport transport = start();
        TestClient offender = TestClient.connect(ws(transport, "/"), "clasp");
        offender.socket.sendBinary(ByteBuffer.wrap(frame(40_000)), false).get(30, SECONDS); // one send at a time (java.net.http)
        offender.socket.sendBinary(ByteBuffer.wrap(frame(40_000)), true);

        assertThat(offender.closed.get(30, SECONDS).code()).isEqualTo(1009);
        await().atMost(30, SECONDS).until(() -> router.only().closedCalls.get() == 1);
        assertThat(router.only().frames).isEmpty();
        TestClient next = TestClient.connect(ws(transport, "/"), "clasp");
        next.sendBinary(frame(10));
        await().atMost(30, SECONDS).until(() -> next.binaries.size() == 1);
    }

    @Test
    void ignoresTextMessages() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        client.socket.sendText("{\"type\":\"hello\"}", true).get(30, SECONDS);
        byte[] frame = frame(12);
        client.sendBinary(frame);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(client.binaries).containsExactly(frame));
        assertThat(router.only().frames).containsExactly(frame); // the text came first and was never delivered
    }

    @Test
    void framesSentRightBehindTheUpgradeRequestAreDelivered() throws Exception {
        WebSocketTransport transport = start();
        byte[] frame = frame(50);
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", RawWebSocket.maskedBinaryFrame(frame), 0)) {
            assertThat(raw.responseHead).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: clasp");
            await().atMost(30, SECONDS).untilAsserted(() -> assertThat(router.only().frames).containsExactly(frame));
        }
    }

    @Test
    void answersPlainHttpProbes() throws Exception {
        WebSocketTransport transport = start();
        String base = "http://127.0.0.1:" + transport.localAddress().getPort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo("ok");
        assertThat(root.headers().firstValue("content-length")).contains("2");

        HttpResponse<String> head = http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("content-length")).contains("2");
        assertThat(head.body()).isEmpty();

        HttpResponse<String> nope = http.send(HttpRequest.newBuilder(URI.create(base + "/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void answersAnHttp2UpgradingClientAsPlainHttp() throws Exception {
        WebSocketTransport transport = start();
        HttpResponse<String> root = TestClient.HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + transport.localAddress().getPort() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo("ok");
    }

    @Test
    void sendsWebSocketPingsAndCountsPongsAsActivity() throws Exception {
        TestClient client = TestClient.connect(ws(start("pingIntervalSeconds", 1), "/"), "clasp");
        await().atMost(30, SECONDS).until(() -> router.peers.size() == 1);
        long before = router.only().connection.lastActivityNanos();
        await().atMost(30, SECONDS).until(() -> client.pings.get() >= 2);
        // The client answers each ping with a pong; no data frame was sent, yet the connection was active.
        await().atMost(30, SECONDS).until(() -> router.only().connection.lastActivityNanos() > before);
        assertThat(router.only().frames).isEmpty();
        assertThat(client.binaries).isEmpty(); // no CLASP PING either (router-semantics D4)
    }

    @Test
    void aClientCloseCallsClosedOnce() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        client.sendBinary(frame(10));
        await().atMost(30, SECONDS).until(() -> client.binaries.size() == 1);
        client.close();
        await().atMost(30, SECONDS).until(() -> router.only().closedCalls.get() == 1);
        RecordingAcceptor.Peer peer = router.only();
        peer.connection.close(Connection.CLOSE_NORMAL, "late"); // harmless after the close
        peer.connection.send(Unpooled.wrappedBuffer(frame(10))); // released, never sent
        await().during(300, TimeUnit.MILLISECONDS).atMost(30, SECONDS).until(() -> peer.closedCalls.get() == 1);
        assertThat(peer.violations).isEmpty();
    }

    @Test
    void connectionCloseSendsTheCodeAndReason() throws Exception {
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        await().atMost(30, SECONDS).until(() -> router.peers.size() == 1);
        router.only().connection.close(Connection.CLOSE_POLICY, "too slow");
        assertThat(client.closed.get(30, SECONDS)).isEqualTo(new TestClient.Close(1008, "too slow"));
        await().atMost(30, SECONDS).until(() -> router.only().closedCalls.get() == 1);
    }

    @Test
    void aConnectionClosedInsideAcceptIsClosedOnce() throws Exception {
        router.refuseWith = Connection.CLOSE_TRY_AGAIN_LATER;
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        assertThat(client.closed.get(30, SECONDS)).isEqualTo(new TestClient.Close(1013, "at capacity"));
        await().atMost(30, SECONDS).until(() -> router.only().closedCalls.get() == 1);
    }

    @Test
    void aMalformedUpgradeRequestGets400() throws Exception {
        WebSocketTransport transport = start();
        try (Socket socket = new Socket("127.0.0.1", transport.localAddress().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /clasp HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(response).startsWith("HTTP/1.1 400");
        }
        assertThat(router.peers).isEmpty();
    }

    @Test
    void sendsFromAnotherThreadArriveInCallOrder() throws Exception {
        router.echo = false;
        TestClient client = TestClient.connect(ws(start(), "/"), "clasp");
        await().atMost(30, SECONDS).until(() -> router.peers.size() == 1);
        Connection connection = router.only().connection;
        for (int i = 0; i < 2000; i++) {
            connection.send(Unpooled.buffer(4).writeInt(i));
        }
        await().atMost(30, SECONDS).until(() -> client.binaries.size() == 2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(ByteBuffer.wrap(client.binaries.get(i)).getInt()).isEqualTo(i);
        }
        await().atMost(30, SECONDS).until(() -> connection.queuedBytes() == 0);
        assertThat(connection.isWritable()).isTrue();
    }

    @Test
    void aPeerThatStopsReadingBecomesUnwritableThenWritableAgain() throws Exception {
        router.echo = false;
        WebSocketTransport transport = start("writeBufferHighWaterMark", 256 * 1024, "writeBufferLowWaterMark", 64 * 1024);
        try (RawWebSocket raw = RawWebSocket.open(transport.localAddress(), "/", new byte[0], 16 * 1024)) {
            await().atMost(30, SECONDS).until(() -> router.peers.size() == 1);
            RecordingAcceptor.Peer peer = router.only();
            Connection connection = peer.connection;
            // Writability flaps while the kernel buffers absorb data; fill until it stays off for a poll interval.
            AtomicInteger writableCallsAfterFill = new AtomicInteger(-1);
            await().atMost(30, SECONDS).pollInterval(200, TimeUnit.MILLISECONDS).until(() -> {
                if (!connection.isWritable() && peer.writableCalls.get() == writableCallsAfterFill.get()) {
                    return true;
                }
                while (connection.isWritable()) {
                    connection.send(Unpooled.wrappedBuffer(new byte[16 * 1024]));
                }
                writableCallsAfterFill.set(peer.writableCalls.get());
                return false;
            });
            assertThat(connection.queuedBytes()).isGreaterThan(64 * 1024);

            Thread drain = new Thread(() -> drain(raw.in), "test-drain");
            drain.start();
            await().atMost(30, SECONDS).until(() -> peer.writableCalls.get() > writableCallsAfterFill.get());
            assertThat(connection.isWritable()).isTrue();
        }
    }

    private static void drain(InputStream in) {
        byte[] sink = new byte[64 * 1024];
        try {
            while (in.read(sink) >= 0) {
                // discard
            }
        } catch (IOException closed) {
            // the test closed the socket
        }
    }

    @Test
    void aBusyPortFailsActivationNamingHostAndPort() {
        WebSocketTransport first = start();
        int port = first.localAddress().getPort();
        assertThatThrownBy(() -> opened(TestConfig.loopback("port", port)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void anInvalidConfigurationFailsActivation() {
        assertThatThrownBy(() -> opened(
                TestConfig.loopback("writeBufferLowWaterMark", 10, "writeBufferHighWaterMark", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clasp.transport.websocket");
        assertThat(liveTransportThreads()).isEmpty();
    }

    @Test
    void deactivateClosesConnectionsAndLeavesNoThreads() throws Exception {
        WebSocketTransport transport = start();
        TestClient client = TestClient.connect(ws(transport, "/"), "clasp");
        client.sendBinary(frame(10));
        await().atMost(30, SECONDS).until(() -> client.binaries.size() == 1);
        assertThat(liveTransportThreads()).anyMatch(n -> n.startsWith("clasp-transport-websocket-test-boss"))
                .anyMatch(n -> n.startsWith("clasp-transport-websocket-test-io"));

        URI endpoint = ws(transport, "/");
        running.remove(transport);
        transport.deactivate();

        assertThat(router.only().closedCalls).hasValue(1); // closed() ran before deactivate returned
        assertThat(client.closed.get(30, SECONDS).code()).isEqualTo(1001);
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(liveTransportThreads()).isEmpty());
        assertThatThrownBy(() -> TestClient.connect(endpoint)).cause().isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void reactivationRebindsTheSamePortAtOnce() throws Exception {
        WebSocketTransport first = start();
        int port = first.localAddress().getPort();
        TestClient client = TestClient.connect(ws(first, "/"), "clasp");
        client.sendBinary(frame(10));
        await().atMost(30, SECONDS).until(() -> client.binaries.size() == 1);
        running.remove(first);
        first.deactivate(); // the server closes the connection first, leaving it in TIME_WAIT on this port

        WebSocketTransport second = start("port", port);
        TestClient again = TestClient.connect(ws(second, "/"), "clasp");
        again.sendBinary(frame(10));
        await().atMost(30, SECONDS).until(() -> again.binaries.size() == 1);
    }

    @Test
    void aFailedActivationLeavesNoThreads() {
        WebSocketTransport first = start();
        int port = first.localAddress().getPort();
        assertThatThrownBy(() -> opened(TestConfig.loopback("port", port)));
        running.remove(first);
        first.deactivate();
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(liveTransportThreads()).isEmpty());
    }

    private static List<String> liveTransportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(WebSocketTransport.THREAD_PREFIX))
                .toList();
    }
}
