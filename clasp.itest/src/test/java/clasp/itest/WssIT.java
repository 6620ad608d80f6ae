package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.WelcomeMessage;
import clasp.protocol.ClaspCodec;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A WSS listener from a configuration file in the runtime: the development certificate, logged, verified by a client. */
class WssIT {
    @TempDir
    Path workDir;

    @Test
    void aTlsListenerWithoutKeyMaterialServesWssWithTheLoggedDevelopmentCertificate() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        RuntimeProcess.quietListener(etc);
        int port = Net.freePort();
        Files.writeString(etc.resolve("clasp.transport.websocket-secure.cfg"), "host=127.0.0.1\nport=" + port + "\ntls=true\n");
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            String tlsLine = runtime.awaitLine("secure: TLS with development certificate", Duration.ofSeconds(60));
            runtime.awaitLine("transport secure is ONLINE: listening on wss://127.0.0.1:" + port + "/", Duration.ofSeconds(60));

            KeyStore made = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(workDir.resolve("data/tls/dev-certificate.p12"))) {
                made.load(in, "clasp-dev".toCharArray());
            }
            X509Certificate certificate = (X509Certificate) made.getCertificate("clasp-dev");
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            assertThat(tlsLine).contains("(SHA-256 " + fingerprint + ")");

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("dev", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpClient http = HttpClient.newBuilder().sslContext(tls).build();

            CompletableFuture<Message> first = new CompletableFuture<>();
            WebSocket socket = http.newWebSocketBuilder().subprotocols("clasp")
                    .buildAsync(URI.create("wss://localhost:" + port + "/"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            try {
                                first.complete(ClaspCodec.defaults().decode(bytes).message());
                            } catch (Exception e) {
                                first.completeExceptionally(e);
                            }
                            return null;
                        }
                    }).get(30, TimeUnit.SECONDS);
            byte[] hello = ClaspCodec.defaults().encode(Frame.of(new HelloMessage(1, Set.of(), "wss-it", null)));
            socket.sendBinary(ByteBuffer.wrap(hello), true).get(30, TimeUnit.SECONDS);
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(WelcomeMessage.class);
            socket.abort();
            assertThat(runtime.output()).noneMatch(line -> line.contains(" ERROR "));
        }
    }
}
