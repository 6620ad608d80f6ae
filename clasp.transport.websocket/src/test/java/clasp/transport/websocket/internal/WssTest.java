package clasp.transport.websocket.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.transport.netty.tls.DevCertificate;
import java.io.InputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSocket over TLS (wss://) with real TLS clients that verify the server's certificate and name. */
class WssTest {
    private static final char[] PASSWORD = "test".toCharArray();

    @TempDir
    Path dir;
    private final RecordingAcceptor router = new RecordingAcceptor();
    private final List<WebSocketTransport> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(WebSocketTransport::deactivate);
    }

    private WebSocketTransport start(Object... config) {
        Object[] withTls = new Object[config.length + 2];
        withTls[0] = "tls";
        withTls[1] = true;
        System.arraycopy(config, 0, withTls, 2, config.length);
        WebSocketTransport transport = new WebSocketTransport(TestConfig.loopback(withTls),
                Map.of("service.pid", "clasp.transport.websocket~tls"), dir);
        running.add(transport);
        transport.open(router);
        return transport;
    }

    private X509Certificate devCertificate() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("tls").resolve(DevCertificate.FILE))) {
            store.load(in, DevCertificate.PASSWORD.toCharArray());
        }
        return (X509Certificate) store.getCertificate(DevCertificate.ALIAS);
    }

    /** A key and self-signed certificate for {@code subject}, valid for localhost and 127.0.0.1. */
    private static KeyStore selfSigned(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(subject),
                new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {certificate});
        return store;
    }

    private Path pem(String name, Object item) throws Exception {
        Path file = dir.resolve(name);
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(item);
        }
        return file;
    }

    /** A client that trusts exactly {@code trusted}, and shows {@code own} (null: no certificate). */
    private static HttpClient client(KeyStore own, X509Certificate... trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < trusted.length; i++) trust.setCertificateEntry("t" + i, trusted[i]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (own != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(own, PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).build();
    }

    /** Opens wss://localhost:port/, sends one binary message and returns what comes back. */
    private static byte[] echo(HttpClient http, WebSocketTransport transport, byte[] message) throws Exception {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + transport.localAddress().getPort() + "/"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        reply.complete(bytes);
                        return null;
                    }
                }).get(30, SECONDS);
        socket.sendBinary(ByteBuffer.wrap(message), true).get(30, SECONDS);
        return reply.get(30, SECONDS);
    }

    @Test
    void withoutKeyMaterialTheDevelopmentCertificateServesWssToAClientThatTrustsIt() throws Exception {
        WebSocketTransport transport = start();
        assertThat(transport.endpoint()).isEqualTo("wss://127.0.0.1:" + transport.localAddress().getPort() + "/");
        byte[] frame = {0x53, 1, 2, 3};
        assertThat(echo(client(null, devCertificate()), transport, frame)).containsExactly(frame);
        assertThat(router.only().connection.peerIdentity()).isNull();   // no client certificate
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateFailsAndNothingReachesTheRouter() throws Exception {
        WebSocketTransport transport = start();
        X509Certificate stranger = (X509Certificate) selfSigned("CN=someone else").getCertificate("key");
        assertThatThrownBy(() -> echo(client(null, stranger), transport, new byte[] {0x53}))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("PKIX path building failed");
        await().atMost(30, SECONDS).until(() -> transport.refusals().total(WebSocketRefusal.TLS_HANDSHAKE) == 1);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void aClientCertificateSubjectIsThePeerIdentityTheRouterSees() throws Exception {
        KeyStore desk = selfSigned("O=Venue,CN=desk-1");   // read back in RFC 2253 order
        Path trusted = pem("clients.pem", desk.getCertificate("key"));
        WebSocketTransport transport = start("tlsClientAuth", "require", "tlsTrustedCertificates", trusted.toString());
        byte[] frame = {0x53, 9};
        assertThat(echo(client(desk, devCertificate()), transport, frame)).containsExactly(frame);
        assertThat(router.only().connection.peerIdentity()).isEqualTo("CN=desk-1,O=Venue");

        KeyStore stranger = selfSigned("CN=intruder");
        assertThatThrownBy(() -> echo(client(stranger, devCertificate()), transport, frame))
                .isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> echo(client(null, devCertificate()), transport, frame))
                .isInstanceOf(ExecutionException.class);
        assertThat(router.peers).hasSize(1);
    }

    @Test
    void pemKeyMaterialIsWhatTheListenerPresents() throws Exception {
        KeyStore stage = selfSigned("CN=stage-1");
        X509Certificate certificate = (X509Certificate) stage.getCertificate("key");
        Path certificatePem = pem("stage.crt", certificate);
        Path keyPem = pem("stage.key", new JcaPKCS8Generator((java.security.PrivateKey) stage.getKey("key", PASSWORD), null));
        WebSocketTransport transport = start("tlsCertificate", certificatePem.toString(), "tlsPrivateKey", keyPem.toString());
        assertThat(echo(client(null, certificate), transport, new byte[] {0x53, 7})).containsExactly(0x53, 7);
        assertThat(Files.exists(dir.resolve("tls"))).isFalse();   // no development certificate was made
    }

    @Test
    void keyMaterialThatCannotBeLoadedFailsTheOpenAndLeavesNoThread() {
        WebSocketTransport transport = new WebSocketTransport(TestConfig.loopback("tls", true, "tlsKeyStore",
                dir.resolve("missing.p12").toString()), Map.of("service.pid", "clasp.transport.websocket~badkeys"), dir);
        assertThatThrownBy(() -> transport.open(router)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot load the TLS key material");
        await().atMost(30, SECONDS).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(WebSocketTransport.THREAD_PREFIX + "badkeys-")));
        transport.close();
    }

    @Test
    void aClientAuthWithoutTrustedCertificatesIsAnInvalidConfiguration() {
        assertThatThrownBy(() -> new WebSocketTransport(TestConfig.loopback("tls", true, "tlsClientAuth", "require"),
                new HashMap<>(Map.of("service.pid", "x~y")), dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs tlsTrustedCertificates");
    }
}
