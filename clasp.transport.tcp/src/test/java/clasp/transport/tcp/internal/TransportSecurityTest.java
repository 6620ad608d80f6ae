package clasp.transport.tcp.internal;

import clasp.test.peers.tls.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP listener's transport security over real loopback sockets: per-address limits, the TLS handshake timeout,
 * the minimum TLS version and certificates reloaded while it runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransportSecurityTest {
    private static final byte[] FRAME = {0x53, 0x01, 0x00, 0x02, 0x11, 0x22};

    @TempDir
    static Path data;
    @TempDir
    Path files;

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router, data);

    private TestPki.Issued ca;
    private Path certificate;
    private Path key;
    private SSLContext client;

    @BeforeEach
    void certificates() throws Exception {
        ca = TestPki.authority("Venue CA");
        certificate = files.resolve("server.crt");
        key = files.resolve("server.key");
        install(TestPki.server(ca, "CN=first"), 0);
        client = TestPki.clientContext(null, ca.certificate());
    }

    /** Writes a certificate and its key, dated {@code step} seconds on, so that every look sees the change. */
    private void install(TestPki.Issued server, int step) throws Exception {
        TestPki.privateKeyPem(key, server);
        TestPki.certificatePem(certificate, server.certificate(), ca.certificate());
        FileTime time = FileTime.fromMillis(System.currentTimeMillis() + step * 1000L);
        Files.setLastModifiedTime(key, time);
        Files.setLastModifiedTime(certificate, time);
    }

    /** A TLS listener without the handshake rate: the reload tests connect every few milliseconds until it shows. */
    private TcpTransport startTls(Object... more) {
        List<Object> config = new ArrayList<>(List.of("tls", true, "tlsCertificate", certificate.toString(),
                "tlsPrivateKey", key.toString(), "maxHandshakesPerSecond", 0));
        config.addAll(List.of(more));
        return listeners.start(config.toArray());
    }

    /** True when the server ends the stream without sending anything (an alert's bytes may come first on TLS). */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain: an alert, then the end
            }
        } catch (java.net.SocketException reset) {
            // a reset ends it too
        }
        return true;
    }

    @Test
    void aConnectionOverTheLimitPerAddressIsClosedAtOnceAndCountedUntilOneCloses() throws Exception {
        TcpTransport transport = listeners.start("maxConnectionsPerIp", 2, "maxHandshakesPerSecond", 0);
        try (RawTcpClient first = RawTcpClient.connect(transport); RawTcpClient second = RawTcpClient.connect(transport)) {
            first.sendFrame(FRAME);
            assertThat(first.readFrame()).containsExactly(FRAME);
            second.sendFrame(FRAME);
            assertThat(second.readFrame()).containsExactly(FRAME);
            try (RawTcpClient third = RawTcpClient.connect(transport)) {
                assertThat(third.readFrame()).isNull();   // closed as accepted: the stream ends, nothing read
            }
            assertThat(transport.refused(TcpRefusal.TOO_MANY_CONNECTIONS)).isEqualTo(1);
            assertThat(router.peers).hasSize(2);
        }
        Stalls.await("both closed", 30, () -> router.peers.stream().allMatch(p -> p.closedCalls.get() == 1));
        try (RawTcpClient later = RawTcpClient.connect(transport)) {
            later.sendFrame(FRAME);
            assertThat(later.readFrame()).containsExactly(FRAME);
        }
    }

    @Test
    void connectionsAboveTheHandshakeRateAreClosedAtOnceAndCounted() throws Exception {
        TcpTransport transport = listeners.start("maxConnectionsPerIp", 0, "maxHandshakesPerSecond", 1);
        int closed = 0;
        List<RawTcpClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) clients.add(RawTcpClient.connect(transport));
            for (RawTcpClient c : clients) {
                c.sendFrame(FRAME);
                if (c.readFrame() == null) closed++;
            }
        } finally {
            for (RawTcpClient c : clients) c.close();
        }
        // one handshake a second, a burst of one: five back to back leave at most four seconds to refill
        assertThat(closed).isPositive();
        assertThat(transport.refused(TcpRefusal.TOO_MANY_HANDSHAKES)).isEqualTo(closed);
        assertThat(router.peers).hasSize(5 - closed);
    }

    @Test
    void aTlsHandshakeNeverFinishedIsClosedAtTheTimeoutWhileAnotherClientConnects() throws Exception {
        TcpTransport transport = startTls("handshakeTimeoutSeconds", 1);
        try (Socket slow = new Socket("127.0.0.1", transport.localAddress().getPort())) {
            slow.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02});   // a record header begun, never ended
            slow.getOutputStream().flush();
            try (RawTcpClient normal = RawTcpClient.tls(client, transport)) {
                normal.sendFrame(FRAME);
                assertThat(normal.readFrame()).containsExactly(FRAME);
            }
            assertThat(closedByServer(slow)).isTrue();
        }
        Stalls.await("the timeout counted", 30, () -> transport.refused(TcpRefusal.HANDSHAKE_TIMEOUT) == 1);
        assertThat(router.peers).hasSize(1);
    }

    @Test
    void withMinimumTls13ATls12ClientIsRefusedAndATls13OneServed() throws Exception {
        TcpTransport transport = startTls("tlsMinVersion", "TLSv1.3");
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", transport.localAddress().getPort());

        assertThatThrownBy(() -> {
            try (SSLSocket old = (SSLSocket) client.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
                old.setEnabledProtocols(new String[] {"TLSv1.2"});
                old.startHandshake();
            }
        }).isInstanceOf(SSLHandshakeException.class);
        try (RawTcpClient current = RawTcpClient.tls(client, transport)) {
            assertThat(((SSLSocket) current.socket).getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        Stalls.await("the refused handshake counted", 30, () -> transport.refused(TcpRefusal.TLS_FAILED) == 1);
    }

    @Test
    void aMinimumVersionOtherThanTls12Or13IsAnInvalidConfiguration() {
        assertThatThrownBy(() -> startTls("tlsMinVersion", "TLSv1.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.tcp: invalid configuration: tlsMinVersion must be TLSv1.2 or TLSv1.3, is 'TLSv1.1'");
        assertThatThrownBy(() -> listeners.start("tls", false, "tlsMinVersion", "1.3"))   // even with TLS off
                .hasMessage("clasp.transport.tcp: invalid configuration: tlsMinVersion must be TLSv1.2 or TLSv1.3, is '1.3'");
    }

    @Test
    void changedCertificateFilesReachNewConnectionsOnTheSamePortWhileOpenOnesStay() throws Exception {
        TcpTransport transport = startTls();
        int port = transport.localAddress().getPort();
        try (RawTcpClient before = RawTcpClient.tls(client, transport)) {
            assertThat(subject(before)).isEqualTo("CN=first");

            install(TestPki.server(ca, "CN=second"), 1);

            // the listener looks every 5 s on its own timer
            Stalls.await("a new connection sees the new certificate", 60, () -> {
                try (RawTcpClient after = RawTcpClient.tls(client, transport)) {
                    return subject(after).equals("CN=second");
                }
            });
            assertThat(transport.localAddress().getPort()).isEqualTo(port);
            before.sendFrame(FRAME);
            assertThat(before.readFrame()).containsExactly(FRAME);
            assertThat(subject(before)).isEqualTo("CN=first");
        }
    }

    @Test
    void changedTrustedCertificatesDecideTheClientCertificatesOfNewHandshakesAndTheSubjectIsThePeerIdentity()
            throws Exception {
        TestPki.Issued oldCa = TestPki.authority("Old desks CA");
        TestPki.Issued newCa = TestPki.authority("New desks CA");
        Path trusted = TestPki.certificatePem(files.resolve("desks.crt"), oldCa.certificate());
        TcpTransport transport = startTls("tlsClientAuth", "require", "tlsTrustedCertificates", trusted.toString());
        SSLContext oldDesk = TestPki.clientContext(TestPki.client(oldCa, "CN=desk-1,O=Venue"), ca.certificate());
        SSLContext newDesk = TestPki.clientContext(TestPki.client(newCa, "CN=desk-2,O=Venue"), ca.certificate());
        try (RawTcpClient c = RawTcpClient.tls(oldDesk, transport)) {
            c.sendFrame(FRAME);
            assertThat(c.readFrame()).containsExactly(FRAME);
        }
        assertThat(router.peers.get(0).connection.peerIdentity()).isEqualTo("CN=desk-1,O=Venue");

        TestPki.certificatePem(trusted, newCa.certificate());
        Files.setLastModifiedTime(trusted, FileTime.fromMillis(System.currentTimeMillis() + 1000));

        Stalls.await("the new CA trusted", 60, () -> {
            try (RawTcpClient c = RawTcpClient.tls(newDesk, transport)) {
                c.sendFrame(FRAME);
                return c.readFrame() != null;
            } catch (IOException refused) {
                return false;   // still the old CA: refused during or right after the handshake
            }
        });
        Stalls.await("the session of desk-2", 30, () -> router.peers.stream()
                .anyMatch(p -> "CN=desk-2,O=Venue".equals(p.connection.peerIdentity())));
        byte[] answer;
        try (RawTcpClient c = RawTcpClient.tls(oldDesk, transport)) {
            c.sendFrame(FRAME);
            answer = c.readFrame();
        } catch (IOException refused) {
            answer = null;
        }
        assertThat(answer).isNull();
    }

    private static String subject(RawTcpClient c) throws Exception {
        return ((X509Certificate) ((SSLSocket) c.socket).getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }
}
