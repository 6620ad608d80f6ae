package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ssl:// brokers: mosquitto with a TLS listener whose certificate (for 127.0.0.1) a test CA made with openssl signed.
 * A bridge trusting that CA connects and carries traffic; one trusting only the JVM's store does not.
 */
class TlsBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path dir;
    private static Mosquitto broker;
    private static Harness router;

    @BeforeAll static void start() throws Exception {
        dir = Files.createTempDirectory("mosquitto-tls");
        // mosquitto drops to its own user: the folder and files must be readable by it
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=clasp test CA",
                "-keyout", "ca.key", "-out", "ca.pem");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr");
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2",
                "-extfile", "san.ext", "-out", "server.pem");
        for (String f : List.of("ca.pem", "server.pem", "server.key")) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
        }
        broker = Mosquitto.start(dir, "cafile " + dir.resolve("ca.pem") + "\ncertfile " + dir.resolve("server.pem")
                + "\nkeyfile " + dir.resolve("server.key") + "\n");
        router = new Harness();
    }

    @AfterAll static void stop() {
        if (router != null) router.close();
        if (broker != null) broker.close();
    }

    @Test void aBridgeTrustingTheBrokersCaConnectsOverTlsAndCarriesTraffic() throws Exception {
        String uri = "ssl://127.0.0.1:" + broker.port();
        router.bridge("tls", Map.of("brokerUri", uri, "namespace", "/tls", "tlsTrustedCertificates", dir.resolve("ca.pem").toString()));
        assertThat(router.state("tls").detail()).startsWith("connected to " + uri + " (MQTT 5)");
        router.session().set("/tls/secure/level", Value.of(3L));
        List<String> seen = new java.util.ArrayList<>();
        await().atMost(WAIT).until(() -> {
            seen.clear();
            seen.addAll(broker.sub("--cafile", dir.resolve("ca.pem").toString(), "-t", "secure/level", "--retained-only",
                    "-C", "1", "-W", "1", "-F", "%r %t %p"));
            return !seen.isEmpty();
        });
        assertThat(seen).containsExactly("1 secure/level 3");
    }

    @Test void aBridgeNotTrustingTheBrokersCertificateDoesNotConnectAndSaysWhy() {
        String uri = "ssl://127.0.0.1:" + broker.port();
        router.add("untrusted", Map.of("brokerUri", uri, "namespace", "/untrusted", "mqttVersion", "3.1.1"));
        await().atMost(WAIT).until(() -> router.state("untrusted").detail().contains("retrying in"));
        BridgeInfo info = router.state("untrusted");
        assertThat(info.state()).isEqualTo(PluginState.CONNECTING);
        assertThat(info.detail()).startsWith("broker " + uri + " unreachable: ");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("openssl " + command + ": " + out);
    }
}
