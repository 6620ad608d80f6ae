package clasp.transport.websocket.internal;

import clasp.test.peers.tls.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket listener's transport security over real loopback sockets: the Origin allow-list, the handshake
 * deadline against slow clients, per-address limits, the minimum TLS version and certificates reloaded live.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportSecurityTest {
    private static final byte[] FRAME = {0x53, 0x01, 0x00, 0x02, 0x11, 0x22};

    @TempDir
    Path files;

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    private static Socket connect(WebSocketTransport transport) throws IOException {
        Socket socket = new Socket("127.0.0.1", transport.localAddress().getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static RawWebSocket upgrade(WebSocketTransport transport, String headers) throws IOException {
        return RawWebSocket.upgrade(connect(transport), "/", headers, new byte[0]);
    }

    /** Reads until the server ends the stream; true then (a reset counts as an end too). */
    private static boolean endedByServer(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // what the server sent before closing
            }
        } catch (java.net.SocketException reset) {
            // ended all the same
        }
        return true;
    }

    @Test
    void anUpgradeFromAnOriginNotAllowedGets403AndNoSessionWhileListedOnesAndNoOriginUpgrade() throws Exception {
        WebSocketTransport transport = listeners.start("allowedOrigins", "https://console.example.org, http://localhost:8080/");

        try (RawWebSocket evil = upgrade(transport, "Origin: https://evil.example.org\r\n")) {
            assertThat(evil.responseHead).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("connection: close");
            assertThat(new String(evil.in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("origin not allowed");
        }
        try (RawWebSocket nullOrigin = upgrade(transport, "Origin: null\r\n")) {
            assertThat(nullOrigin.responseHead).startsWith("HTTP/1.1 403 Forbidden\r\n");
        }
        assertThat(transport.refusals().total(WebSocketRefusal.FORBIDDEN_ORIGIN)).isEqualTo(2);
        assertThat(router.peers).isEmpty();

        try (RawWebSocket listed = upgrade(transport, "Origin: HTTPS://Console.Example.org\r\n");
             RawWebSocket port = upgrade(transport, "Origin: http://localhost:8080\r\n");
             RawWebSocket none = upgrade(transport, "")) {
            assertThat(listed.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(port.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(none.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            Stalls.await("three sessions", 30, () -> router.peers.size() == 3);
        }
    }

    @Test
    void withoutAllowedOriginsEveryOriginUpgradesAndAnEntryThatIsNoOriginIsAnInvalidConfiguration() throws Exception {
        WebSocketTransport transport = listeners.start();
        try (RawWebSocket any = upgrade(transport, "Origin: https://anywhere.example\r\n")) {
            assertThat(any.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        }
        assertThatThrownBy(() -> listeners.start("allowedOrigins", "console.example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.websocket: invalid configuration: allowedOrigins: 'console.example.org' is "
                        + "not an origin (scheme://host[:port], e.g. https://console.example.org)");
    }

    @Test
    void anUpgradeRequestDribbledByteByByteIsClosedAtTheDeadlineWhileAnotherClientConnects() throws Exception {
        WebSocketTransport transport = listeners.start("handshakeTimeoutSeconds", 1);
        byte[] request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
        AtomicBoolean stop = new AtomicBoolean();
        try (Socket slow = connect(transport)) {
            Thread dribble = new Thread(() -> {
                try {
                    OutputStream out = slow.getOutputStream();
                    for (int i = 0; !stop.get() && i < 2000; i++) {
                        out.write(i < request.length ? request[i] : 'x');
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server closed the connection: what this test waits for
                }
            }, "test-dribble");
            dribble.start();

            TestClient normal = TestClient.connect(URI.create("ws://127.0.0.1:" + transport.localAddress().getPort() + "/"));
            Stalls.await("the normal client's session", 30, () -> router.peers.size() == 1);
            normal.sendBinary(FRAME);
            Stalls.await("its frame", 30, () -> router.peers.get(0).frames.size() == 1);

            assertThat(endedByServer(slow.getInputStream())).isTrue();
            stop.set(true);
            dribble.join();
            normal.close();
        }
        assertThat(transport.refusals().total(WebSocketRefusal.UPGRADE_TIMEOUT)).isEqualTo(1);
        assertThat(router.peers).hasSize(1);
    }

    @Test
    void aConnectionOverTheLimitPerAddressIsClosedBeforeAnyHttpWork() throws Exception {
        WebSocketTransport transport = listeners.start("maxConnectionsPerIp", 1);
        try (RawWebSocket first = upgrade(transport, "")) {
            assertThat(first.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            try (Socket second = connect(transport)) {
                assertThat(second.getInputStream().read()).isEqualTo(-1);   // no 503, no byte: closed as accepted
            }
            assertThat(transport.refusals().total(WebSocketRefusal.TOO_MANY_CONNECTIONS)).isEqualTo(1);
            assertThat(transport.refusals().total(WebSocketRefusal.SURPLUS_UPGRADE)).isZero();
        }
    }

    @Test
    void wssFollowsChangedCertificateFilesOnTheSamePortWhileTheOpenSessionStays() throws Exception {
        TestPki.Issued ca = TestPki.authority("Venue CA");
        Path certificate = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        install(ca, TestPki.server(ca, "CN=first"), certificate, key, 0);
        SSLContext client = TestPki.clientContext(null, ca.certificate());
        // It connects every few milliseconds until the new certificate shows: past the handshake rate of one address.
        WebSocketTransport transport = listeners.start("tls", true, "tlsCertificate", certificate.toString(),
                "tlsPrivateKey", key.toString(), "maxHandshakesPerSecond", 0);
        int port = transport.localAddress().getPort();

        try (RawWebSocket before = RawWebSocket.upgrade(tls(client, port), "/", "", new byte[0])) {
            assertThat(before.responseHead).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(subject(before.socket)).isEqualTo("CN=first");

            install(ca, TestPki.server(ca, "CN=second"), certificate, key, 1);

            Stalls.await("a new connection sees the new certificate", 60, () -> {   // the listener looks every 5 s
                try (SSLSocket after = tls(client, port)) {
                    return subject(after).equals("CN=second");
                }
            });
            assertThat(transport.localAddress().getPort()).isEqualTo(port);
            before.out.write(RawWebSocket.maskedBinaryFrame(FRAME));
            before.out.flush();
            RawWebSocket.ServerFrame echoed = before.readFrame();
            assertThat(echoed.opcode()).isEqualTo(RawWebSocket.ServerFrame.BINARY);
            assertThat(echoed.payload()).containsExactly(FRAME);
        }
    }

    @Test
    void withMinimumTls13ATls12ClientIsRefused() throws Exception {
        TestPki.Issued ca = TestPki.authority("Venue CA");
        Path certificate = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        install(ca, TestPki.server(ca), certificate, key, 0);
        SSLContext client = TestPki.clientContext(null, ca.certificate());
        WebSocketTransport transport = listeners.start("tls", true, "tlsCertificate", certificate.toString(),
                "tlsPrivateKey", key.toString(), "tlsMinVersion", "TLSv1.3");
        int port = transport.localAddress().getPort();

        assertThatThrownBy(() -> {
            try (SSLSocket old = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
                old.setEnabledProtocols(new String[] {"TLSv1.2"});
                old.startHandshake();
            }
        }).isInstanceOf(SSLHandshakeException.class);
        try (SSLSocket current = tls(client, port)) {
            assertThat(current.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        for (boolean tlsOn : new boolean[] {true, false}) {
            assertThatThrownBy(() -> listeners.start("tls", tlsOn, "tlsMinVersion", "TLSv1.0"))
                    .hasMessage("clasp.transport.websocket: invalid configuration: tlsMinVersion must be TLSv1.2 or "
                            + "TLSv1.3, is 'TLSv1.0'");
        }
    }

    @Test
    void aWssClientThatNeverFinishesItsTlsHandshakeIsClosedAtTheDeadline() throws Exception {
        TestPki.Issued ca = TestPki.authority("Venue CA");
        Path certificate = files.resolve("server.crt");
        Path key = files.resolve("server.key");
        install(ca, TestPki.server(ca), certificate, key, 0);
        WebSocketTransport transport = listeners.start("tls", true, "tlsCertificate", certificate.toString(),
                "tlsPrivateKey", key.toString(), "handshakeTimeoutSeconds", 1);
        try (Socket silent = connect(transport)) {
            silent.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});   // a TLS record begun, never ended
            silent.getOutputStream().flush();
            try (SSLSocket normal = tls(TestPki.clientContext(null, ca.certificate()), transport.localAddress().getPort())) {
                assertThat(normal.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
            assertThat(endedByServer(silent.getInputStream())).isTrue();
        }
        // The silent client fails its TLS handshake (counted once); the normal one, which never sends an upgrade
        // request, may be counted at the upgrade deadline too unless its close reached the listener first.
        Stalls.await("the slow client counted", 30, () -> transport.refusals().total(WebSocketRefusal.TLS_HANDSHAKE) == 1);
        assertThat(router.peers).isEmpty();
    }

    private static SSLSocket tls(SSLContext client, int port) throws IOException {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        return socket;
    }

    private static String subject(Socket socket) throws Exception {
        return ((X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }

    /** Writes a certificate and its key, dated {@code step} seconds on, so that every look sees the change. */
    private static void install(TestPki.Issued ca, TestPki.Issued server, Path certificate, Path key, int step)
            throws Exception {
        TestPki.privateKeyPem(key, server);
        TestPki.certificatePem(certificate, server.certificate(), ca.certificate());
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() + step * 1000L);
        Files.setLastModifiedTime(key, time);
        Files.setLastModifiedTime(certificate, time);
    }
}
