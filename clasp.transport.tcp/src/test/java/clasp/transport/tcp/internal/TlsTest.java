package clasp.transport.tcp.internal;

import clasp.test.peers.tls.TestPki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.transport.netty.tls.DevCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the TCP listener, over real sockets, with certificates made for each test. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    private static final byte[] FRAME = {0x53, 0x01, 0x00, 0x02, 0x11, 0x22};
    private static final String SUBJECT = "CN=desk-1,O=Venue";

    @TempDir
    static Path data;
    @TempDir
    Path files;

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router, data);

    private TestPki.Issued ca;
    private Path serverCertificate;
    private Path serverKey;
    private Path caPem;

    @BeforeEach
    void makeCertificates() throws Exception {
        ca = TestPki.authority("Venue CA");
        TestPki.Issued server = TestPki.server(ca);
        serverCertificate = TestPki.certificatePem(files.resolve("server.crt"), server.certificate(), ca.certificate());
        serverKey = TestPki.privateKeyPem(files.resolve("server.key"), server);
        caPem = TestPki.certificatePem(files.resolve("ca.crt"), ca.certificate());
    }

    private TcpTransport start(String clientAuth) {
        return listeners.start("tls", true, "tlsCertificate", serverCertificate.toString(), "tlsPrivateKey", serverKey.toString(),
                "tlsClientAuth", clientAuth, "tlsTrustedCertificates", clientAuth.equals("none") ? "" : caPem.toString());
    }

    @Test
    void aTrustedClientCertificatesSubjectIsThePeerIdentityAndFramesPassBothWays() throws Exception {
        TcpTransport transport = start("require");
        assertThat(transport.endpoint()).isEqualTo("tls://127.0.0.1:" + transport.localAddress().getPort());
        SSLContext client = TestPki.clientContext(TestPki.client(ca, SUBJECT), ca.certificate());
        try (RawTcpClient c = RawTcpClient.tls(client, transport)) {
            c.sendFrame(FRAME);
            assertThat(c.readFrame()).containsExactly(FRAME);
            assertThat(router.only().frames.get(0)).containsExactly(FRAME);
            assertThat(router.only().connection.peerIdentity()).isEqualTo(SUBJECT);
        }
        assertThat(transport.refused(TcpRefusal.TLS_FAILED)).isZero();
    }

    @Test
    void aClientThatDoesNotTrustTheServersCertificateFailsTheHandshake() throws Exception {
        TcpTransport transport = start("none");
        SSLContext client = TestPki.clientContext(null, TestPki.authority("Some other CA").certificate());

        assertThatThrownBy(() -> RawTcpClient.tls(client, transport)).isInstanceOf(SSLHandshakeException.class);

        Stalls.await("the failed handshake counted", 30, () -> transport.refused(TcpRefusal.TLS_FAILED) == 1);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void withRequiredClientCertificatesAnExpiredOneIsRefused() throws Exception {
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.client(ca, SUBJECT, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        assertRefused(start("require"), TestPki.clientContext(expired, ca.certificate()));
    }

    @Test
    void withRequiredClientCertificatesOneFromAnotherCaIsRefused() throws Exception {
        TestPki.Issued stranger = TestPki.client(TestPki.authority("Some other CA"), SUBJECT);
        assertRefused(start("require"), TestPki.clientContext(stranger, ca.certificate()));
    }

    @Test
    void withRequiredClientCertificatesAClientWithoutOneIsRefused() throws Exception {
        assertRefused(start("require"), TestPki.clientContext(null, ca.certificate()));
    }

    @Test
    void withOptionalClientCertificatesAClientWithoutOneIsAcceptedWithoutIdentity() throws Exception {
        TcpTransport transport = start("optional");
        try (RawTcpClient c = RawTcpClient.tls(TestPki.clientContext(null, ca.certificate()), transport)) {
            c.sendFrame(FRAME);
            assertThat(c.readFrame()).containsExactly(FRAME);
            assertThat(router.only().connection.peerIdentity()).isNull();
        }
    }

    @Test
    void withoutKeyMaterialTheDevelopmentCertificateServesAndClientsCanTrustIt() throws Exception {
        TcpTransport transport = listeners.start("tls", true);
        X509Certificate development;
        try (InputStream in = Files.newInputStream(data.resolve("tls").resolve(DevCertificate.FILE))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, DevCertificate.PASSWORD.toCharArray());
            development = (X509Certificate) store.getCertificate(DevCertificate.ALIAS);
        }
        try (RawTcpClient c = RawTcpClient.tls(TestPki.clientContext(null, development), transport)) {
            c.sendFrame(FRAME);
            assertThat(c.readFrame()).containsExactly(FRAME);
            assertThat(router.only().connection.peerIdentity()).isNull();
        }
    }

    @Test
    void turningTlsOnAppliesToNewConnectionsOnTheSamePort() throws Exception {
        TcpTransport transport = listeners.start();
        int port = transport.localAddress().getPort();
        try (RawTcpClient plain = RawTcpClient.connect(transport)) {
            plain.sendFrame(FRAME);
            assertThat(plain.readFrame()).containsExactly(FRAME);

            transport.modified(TestConfig.loopback("port", port, "tls", true, "tlsCertificate", serverCertificate.toString(),
                    "tlsPrivateKey", serverKey.toString()));

            assertThat(transport.endpoint()).isEqualTo("tls://127.0.0.1:" + port);
            try (RawTcpClient secure = RawTcpClient.tls(TestPki.clientContext(null, ca.certificate()), transport)) {
                secure.sendFrame(FRAME);
                assertThat(secure.readFrame()).containsExactly(FRAME);
            }
            plain.sendFrame(FRAME); // the connection made before the change stays as it was
            assertThat(plain.readFrame()).containsExactly(FRAME);
        }
    }

    @Test
    void aPlainClientOnATlsListenerIsRefusedWithoutReachingTheRouter() throws Exception {
        TcpTransport transport = start("none");
        try (RawTcpClient plain = RawTcpClient.connect(transport)) {
            plain.sendFrame(FRAME);
            assertThat(plain.readFrame()).isNull(); // no frame comes back: the stream ends
        } catch (IOException reset) {
            // the listener may reset a peer that spoke plaintext: refused either way
        }
        Stalls.await("the failed handshake counted", 30, () -> transport.refused(TcpRefusal.TLS_FAILED) == 1);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void keyMaterialThatCannotBeLoadedIsAnInvalidConfigurationOrLeavesARunningListenerAsItWas() throws Exception {
        Path missing = files.resolve("missing.crt");
        assertThatThrownBy(() -> new TcpTransport(TestConfig.loopback("tls", true, "tlsCertificate", missing.toString(),
                "tlsPrivateKey", serverKey.toString()), java.util.Map.of("service.pid", TcpTransport.PID + "~broken"), data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clasp.transport.tcp: invalid configuration: cannot load the TLS key material")
                .hasMessageContaining("missing.crt");

        TcpTransport running = listeners.start();
        int port = running.localAddress().getPort();
        running.modified(TestConfig.loopback("port", port, "tls", true, "tlsCertificate", missing.toString(),
                "tlsPrivateKey", serverKey.toString()));
        assertThat(running.endpoint()).isEqualTo("tcp://127.0.0.1:" + port);
        try (RawTcpClient plain = RawTcpClient.connect(running)) {
            plain.sendFrame(FRAME);
            assertThat(plain.readFrame()).containsExactly(FRAME);
        }
    }

    /** The client never gets a frame through: the handshake fails, or the server ends the connection at once. */
    private void assertRefused(TcpTransport transport, SSLContext client) {
        byte[] answer;
        try (RawTcpClient c = RawTcpClient.tls(client, transport)) {
            c.sendFrame(FRAME);
            answer = c.readFrame();
        } catch (IOException refused) {
            answer = null;
        }
        assertThat(answer).isNull();
        Stalls.await("the failed handshake counted", 30, () -> transport.refused(TcpRefusal.TLS_FAILED) == 1);
        assertThat(router.peers).isEmpty();
    }
}
