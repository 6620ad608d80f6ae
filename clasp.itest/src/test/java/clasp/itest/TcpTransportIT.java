package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.SetMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TCP transport in the exported runtime, enabled the way an administrator does it: at the shell
 * ({@code clasp.transport:create tcp …}, the runtime in a terminal). A client over TCP writes a param that the
 * published JS client receives over WebSocket, before and after the listener is moved to another port live
 * ({@code clasp.transport:update}); with TLS and required client certificates, the certificate's
 * subject is the session's peer identity in {@code clasp.session:list}.
 */
class TcpTransportIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(30);
    private static final String SUBJECT = "CN=desk-1,O=Venue";

    @TempDir
    Path workDir;

    @Test
    void aSetOverTcpReachesTheJsClientOverWebSocketAcrossAPortChangeAndATlsClientCertificateIsTheSessionsPeer() throws Exception {
        int webSocketPort = RuntimeProcess.quietListener(workDir.resolve("etc"));
        int tcpPort = Net.freePort();
        int tlsPort = Net.freePort();
        Path pki = Files.createDirectories(workDir.resolve("pki"));
        KeyPair caKeys = keyPair();
        X509Certificate ca = certificate("CN=Venue CA", caKeys, "CN=Venue CA", caKeys, true);
        KeyPair deskKeys = keyPair();
        X509Certificate desk = certificate(SUBJECT, deskKeys, "CN=Venue CA", caKeys, false);
        writePem(pki.resolve("ca.crt"), ca);

        try (RuntimeTerminal terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), workDir)) {
            try {
                terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
                terminal.awaitPrompt(SHELL);

                // Plain TCP, created at the prompt: its file is written into etc/.
                terminal.run("clasp.transport:create tcp plain host=127.0.0.1 port=" + tcpPort,
                        Pattern.compile("state  ONLINE: listening on tcp://127\\.0\\.0\\.1:" + tcpPort), SHELL);
                assertThat(workDir.resolve("etc").resolve("clasp.transport.tcp-plain.cfg")).isRegularFile();

                String address = "/tcp-it/" + System.nanoTime() + "/level";
                try (NodeSubscriber js = NodeSubscriber.start("ws://127.0.0.1:" + webSocketPort + "/", address)) {
                    js.awaitLine("SUBSCRIBED");
                    try (ClaspTcpClient tcp = ClaspTcpClient.hello(plainSocket(tcpPort), "tcp writer")) {
                        tcp.send(new SetMessage(address, Value.of(0.75)));
                        assertThat(js.awaitLine("VALUE ")).isEqualTo("VALUE 0.75");

                        // A new port, live: the listener moves, its open connection and the WebSocket listener stay.
                        int moved = Net.freePort();
                        terminal.run("clasp.transport:update tcp plain port=" + moved,
                                Pattern.compile("updated clasp\\.transport\\.tcp~plain"), SHELL);
                        // The change is applied after update returns: list until the listener shows its new port.
                        terminal.awaitListed("plain +tcp +ONLINE +tcp://127\\.0\\.0\\.1:" + moved + " ");
                        tcp.send(new SetMessage(address, Value.of(0.5)));
                        assertThat(js.awaitLine("VALUE ")).isEqualTo("VALUE 0.5");
                        try (ClaspTcpClient onNewPort = ClaspTcpClient.hello(plainSocket(moved), "tcp writer 2")) {
                            onNewPort.send(new SetMessage(address, Value.of(0.25)));
                            assertThat(js.awaitLine("VALUE ")).isEqualTo("VALUE 0.25");
                        }
                    }
                }

                // TLS with required client certificates; the server presents the runtime's development certificate.
                // Making the development certificate and a cold JVM's first TLS context may outlast create's wait.
                terminal.run("clasp.transport:create tcp secure host=127.0.0.1 port=" + tlsPort
                                + " tls=true tlsClientAuth=require tlsTrustedCertificates=pki/ca.crt",
                        Pattern.compile("created clasp\\.transport\\.tcp~secure"), SHELL);
                terminal.awaitListed("secure +tcp +ONLINE +tls://127\\.0\\.0\\.1:" + tlsPort + " ");
                X509Certificate server = developmentCertificate(workDir.resolve("data").resolve("tls").resolve("dev-certificate.p12"));
                SSLContext tls = clientContext(desk, deskKeys, ca, server);
                try (ClaspTcpClient secure = ClaspTcpClient.hello(tlsSocket(tls, tlsPort), "tls desk")) {
                    terminal.run("clasp.session:list",
                            Pattern.compile("tls desk +127\\.0\\.0\\.1:\\d+ via tcp:secure .* " + Pattern.quote(SUBJECT)), SHELL);
                    secure.send(new SetMessage("/tcp-it/secure", Value.of(1L)));
                    secure.await(m -> m instanceof AckMessage a && "/tcp-it/secure".equals(a.address()), SHELL);
                }
                assertThat(terminal.output()).doesNotContain("Exception").doesNotContain("LEAK");
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
            }
        }
    }

    private static Socket plainSocket(int port) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    /** Verifies the server's certificate for 127.0.0.1 and shows the client's. */
    private static Socket tlsSocket(SSLContext context, int port) throws Exception {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.startHandshake();
        return socket;
    }

    // ---- certificates

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                               boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(new X500Principal(issuer).getEncoded()), BigInteger.valueOf(System.nanoTime()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))),
                X500Name.getInstance(new X500Principal(subject).getEncoded()), subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static void writePem(Path file, X509Certificate certificate) throws Exception {
        try (Writer out = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
    }

    /** The certificate the runtime generated into its data folder (password clasp-dev). */
    private static X509Certificate developmentCertificate(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "clasp-dev".toCharArray());
        }
        return (X509Certificate) store.getCertificate("clasp-dev");
    }

    private static SSLContext clientContext(X509Certificate certificate, KeyPair keys, X509Certificate ca,
                                            X509Certificate trustedServer) throws Exception {
        char[] password = "it".toCharArray();
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("desk", keys.getPrivate(), password, new Certificate[] {certificate, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", trustedServer);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
