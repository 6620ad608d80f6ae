package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.client.DiscoveredRouter;
import clasp.client.DiscoveryOptions;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime found by the Java client's {@code discover()}: its discovery bundle, configured by
 * {@code etc/clasp.discovery.cfg} to announce on the loopback interface and to answer broadcast HELLOs on a free
 * port, is found both by mDNS and by broadcast, once, with its configured id, name and WebSocket listener.
 */
class DiscoveryIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void discoverFindsTheRuntimeByMdnsAndBroadcastOnceWithItsListener() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int ws = RuntimeProcess.quietListener(etc);
        int udp;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("0.0.0.0", 0))) {
            udp = probe.getLocalPort();
        }
        Files.writeString(etc.resolve("clasp.discovery.cfg"),
                "interfaces=lo\nbroadcastPort=" + udp + "\nname=Discovery IT\nrouterId=discovery-it\nrescanSeconds=1\n");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        DiscoveryOptions options = DiscoveryOptions.defaults().withBroadcastPort(udp).withTimeout(Duration.ofSeconds(8))
                .withExtraTargets(List.of(new InetSocketAddress(loopback, udp))).withMdnsAddresses(List.of(loopback));
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            runtime.awaitLine(RuntimeProcess.STATUS, START);
            AtomicReference<List<DiscoveredRouter>> found = new AtomicReference<>();
            Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
                found.set(clasp.client.ClaspClient.discover(options).stream().filter(r -> r.id().equals("discovery-it")).toList());
                return found.get().size() == 1 && found.get().get(0).via().size() == 2;
            });
            DiscoveredRouter router = found.get().get(0);
            assertThat(router.name()).isEqualTo("Discovery IT");
            assertThat(router.via()).containsExactlyInAnyOrder("mdns", "broadcast");
            assertThat(router.endpoints()).containsExactly(URI.create("ws://127.0.0.1:" + ws + "/"));
            assertThat(runtime.output()).anyMatch(l -> l.contains("clasp.discovery: answering broadcast discovery on udp 0.0.0.0:" + udp));
        }
    }
}
