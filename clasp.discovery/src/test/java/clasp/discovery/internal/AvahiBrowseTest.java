package clasp.discovery.internal;

import static clasp.discovery.internal.Fixtures.listener;
import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.router.TransportInfo;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** avahi, the mDNS daemon of Linux desktops, sees the router's announcement on loopback and its withdrawal. */
class AvahiBrowseTest {
    @TempDir Path data;

    @Test void avahiBrowseSeesTheListenerWithItsTxtAndThenItsWithdrawal() throws Exception {
        Assumptions.assumeTrue(Avahi.installed(), "avahi-daemon, avahi-browse and dbus-daemon are not installed");
        String name = "Avahi Test " + UUID.randomUUID().toString().substring(0, 8);
        DiscoverySettings s = Fixtures.settings(true, false, 1);
        DiscoverySettings settings = new DiscoverySettings(true, s.interfaces(), s.kinds(), name, "router-avahi", "clasp-avahi-test",
                1, false, 1, "0.0.0.0", 2, 16);
        List<TransportInfo> listeners = List.of(listener("ws", "websocket", "ws://0.0.0.0:17430/"));
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (Avahi avahi = Avahi.ensureRunning()) {
            Discovery discovery = new Discovery(settings, () -> listeners, () -> "ignored", () -> List.of(loopback),
                    data.resolve("id"), System::nanoTime);
            discovery.start();
            try {
                String escaped = name.replace(" ", "\\032");
                // avahi-browse is a process taking about a second: looked at once a second, the first time at once
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                        assertThat(Avahi.browse("_clasp._tcp")).anySatisfy(line -> assertThat(line)
                                .startsWith("=;lo;IPv4;" + escaped + ";_clasp._tcp;local;clasp-avahi-test.local;127.0.0.1;17430;")
                                .contains("\"transport=websocket\"", "\"path=/\"", "\"version=1\"", "\"name=" + name + "\"",
                                        "\"id=router-avahi\"", "\"ws=17430\"", "\"features=psetg\"")));
            } finally {
                discovery.stop();
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                    assertThat(Avahi.browse("_clasp._tcp")).noneMatch(line -> line.contains(name.replace(" ", "\\032"))));
        }
    }
}
