package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.client.ClaspClient;
import clasp.client.ClientTls;
import clasp.client.Update;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One runtime, four transports, one param: a SET written over TCP is seen by the published JS client over WebSocket
 * and by Java clients over UDP and QUIC, and a SET written over QUIC by all the others, each with the value and the
 * revision the router gave it.
 */
class CrossTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String READY = "CLASP runtime ready";

    @TempDir
    Path workDir;

    @Test
    void aSetOverOneTransportIsSeenOverEveryOther() throws Exception {
        Path etc = workDir.resolve("etc");
        int ws = RuntimeProcess.quietListener(etc);
        int tcp = listener(etc, "tcp", Net.freePort());
        int udp = listener(etc, "udp", Net.freePort());
        int quic = listener(etc, "quic", Net.freePort());
        String address = "/cross/" + System.nanoTime() + "/level";
        List<String> overUdp = new CopyOnWriteArrayList<>();
        List<String> overQuic = new CopyOnWriteArrayList<>();
        List<String> overTcp = new CopyOnWriteArrayList<>();

        try (RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            runtime.awaitLine(READY, WAIT);
            String fingerprint = developmentCertificateFingerprint(workDir.resolve("data/tls/dev-certificate.p12"));
            try (NodeSubscriber js = NodeSubscriber.start("ws://127.0.0.1:" + ws + "/", address);
                 ClaspClient overTcpClient = ClaspClient.builder("tcp://127.0.0.1:" + tcp).name("tcp desk").build();
                 ClaspClient overUdpClient = ClaspClient.builder("udp://127.0.0.1:" + udp).name("udp desk").build();
                 ClaspClient overQuicClient = ClaspClient.builder("quic://127.0.0.1:" + quic).name("quic desk")
                         .tls(ClientTls.pinned(fingerprint)).build()) {
                js.awaitLine("SUBSCRIBED");
                overTcpClient.connect(WAIT);
                overUdpClient.connect(WAIT);
                overQuicClient.connect(WAIT);
                overTcpClient.subscribe(address, u -> overTcp.add(text(u))).get(30, TimeUnit.SECONDS);
                overUdpClient.subscribe(address, u -> overUdp.add(text(u))).get(30, TimeUnit.SECONDS);
                overQuicClient.subscribe(address, u -> overQuic.add(text(u))).get(30, TimeUnit.SECONDS);

                assertThat(overTcpClient.set(address, Value.of(0.75)).get(30, TimeUnit.SECONDS)).isEqualTo(1L);
                assertThat(js.awaitLine("VALUE ")).isEqualTo("VALUE 0.75");
                await().atMost(WAIT).until(() -> overUdp.size() == 1 && overQuic.size() == 1 && overTcp.size() == 1);

                assertThat(overQuicClient.set(address, Value.of(0.5)).get(30, TimeUnit.SECONDS)).isEqualTo(2L);
                assertThat(js.awaitLine("VALUE ")).isEqualTo("VALUE 0.5");
                await().atMost(WAIT).until(() -> overUdp.size() == 2 && overQuic.size() == 2 && overTcp.size() == 2);

                List<String> expected = List.of(address + "=0.75@1", address + "=0.5@2");
                assertThat(overUdp).containsExactlyElementsOf(expected);
                assertThat(overQuic).containsExactlyElementsOf(expected);
                assertThat(overTcp).containsExactlyElementsOf(expected);
            }
        }
    }

    private static int listener(Path etc, String kind, int port) throws Exception {
        Files.writeString(etc.resolve("clasp.transport." + kind + "-default.cfg"), "host=127.0.0.1\nport=" + port + "\n");
        return port;
    }

    private static String text(Update update) {
        return update.address() + "=" + update.value() + "@" + update.revision();
    }

    /** The SHA-256 fingerprint the runtime logs for its development certificate, which the QUIC client pins. */
    private static String developmentCertificateFingerprint(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "clasp-dev".toCharArray());
        }
        Certificate certificate = store.getCertificate("clasp-dev");
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
