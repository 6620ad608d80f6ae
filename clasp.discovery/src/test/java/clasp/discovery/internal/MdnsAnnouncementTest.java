package clasp.discovery.internal;

import static clasp.discovery.internal.Fixtures.listener;
import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.discovery.Announcement;
import clasp.api.router.TransportInfo;
import clasp.client.ClaspClient;
import clasp.client.DiscoveredRouter;
import clasp.client.DiscoveryOptions;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The announcements seen by a jmdns browser on 127.0.0.1: the router's listener as {@code _clasp._tcp} with its TXT,
 * a whiteboard announcement, both withdrawn when their interface goes and back when it returns, and everything
 * withdrawn on stop with no thread left. jmdns needs about 4 s to resolve, up to its reaper's 10 s to report a
 * withdrawal and seconds to close: the waits are long, and what can wait side by side does.
 */
class MdnsAnnouncementTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir Path data;

    /** What one browser sees of one service type: resolved services by name, with their latest TXT. */
    static final class Seen implements ServiceListener {
        final Map<String, ServiceInfo> resolved = new ConcurrentHashMap<>();
        final List<String> removed = new CopyOnWriteArrayList<>();

        @Override public void serviceAdded(ServiceEvent e) {
            e.getDNS().requestServiceInfo(e.getType(), e.getName(), true);
        }

        @Override public void serviceRemoved(ServiceEvent e) {
            resolved.remove(e.getName());
            removed.add(e.getName());
        }

        @Override public void serviceResolved(ServiceEvent e) {
            if (e.getInfo().getPropertyString("version") != null || e.getInfo().getPropertyNames().hasMoreElements()) {
                resolved.put(e.getName(), e.getInfo());
            }
        }
    }

    @Test void aBrowserSeesTheListenerAndTheAnnouncementTheirWithdrawalAndTheirReturn() throws Exception {
        Set<String> threadsBefore = Fixtures.discoveryThreads();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<InetAddress> up = new CopyOnWriteArrayList<>(List.of(loopback));
        List<TransportInfo> listeners = List.of(listener("ws", "websocket", "ws://0.0.0.0:17330/"),
                listener("udp", "udp", "udp://0.0.0.0:17332"), listener("tcp", "tcp", "tcp://192.0.2.99:17340"));
        Discovery discovery = new Discovery(Fixtures.settings(true, false, 1), () -> listeners, () -> "ignored",
                () -> List.copyOf(up), data.resolve("id"), System::nanoTime);
        JmDNS browser = JmDNS.create(loopback, "test-browser");
        Seen clasp = new Seen();
        Seen oscjson = new Seen();
        browser.addServiceListener("_clasp._tcp.local.", clasp);
        browser.addServiceListener("_oscjson._tcp.local.", oscjson);
        // jmdns takes seconds to follow a change and to close: what does not depend on each other runs side by side
        CompletableFuture<Void> laterClosed = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> stopped;
        try {
            discovery.start();
            Object key = new Object();
            discovery.add(key, Announcement.of(Announcement.OSCJSON_TCP, "Stage A OSCQuery", 17341, Map.of("txtvers", "1")));

            Awaitility.await().atMost(PATIENCE).until(() -> clasp.resolved.size() == 2 && oscjson.resolved.size() == 1);
            ServiceInfo ws = clasp.resolved.get("Stage A");
            assertThat(ws.getPort()).isEqualTo(17330);
            assertThat(txt(ws)).containsExactlyInAnyOrderEntriesOf(Map.of("transport", "websocket", "path", "/",
                    "version", "1", "name", "Stage A", "features", "psetg", "id", "router-1", "ws", "17330", "udp", "17332"));
            // the TCP listener is bound to another address: not announced on loopback, and not in the TXT there
            ServiceInfo udp = clasp.resolved.get("Stage A (udp 17332)");
            assertThat(udp.getPort()).isEqualTo(17332);
            assertThat(txt(udp)).containsEntry("transport", "udp").containsEntry("ws", "17330");
            ServiceInfo osc = oscjson.resolved.get("Stage A OSCQuery");
            assertThat(osc.getPort()).isEqualTo(17341);
            assertThat(txt(osc)).containsExactlyEntriesOf(Map.of("txtvers", "1"));

            // the interface goes: everything on it is withdrawn; it comes back: announced again
            up.clear();
            Awaitility.await().atMost(PATIENCE).until(() -> clasp.resolved.isEmpty() && oscjson.resolved.isEmpty());
            up.add(loopback);
            Awaitility.await().atMost(PATIENCE).until(() -> clasp.resolved.size() == 2 && oscjson.resolved.size() == 1);

            // the Java client's discover() finds the router over mDNS alone, by its id; it listens for its whole
            // timeout, so it runs while the announcement below changes and goes (neither touches _clasp._tcp)
            CompletableFuture<List<DiscoveredRouter>> discovering = CompletableFuture.supplyAsync(() -> {
                try {
                    return ClaspClient.discover(DiscoveryOptions.defaults().withBroadcast(false)
                            .withMdnsAddresses(List.of(loopback)).withTimeout(Duration.ofSeconds(8)));
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });

            // the announcement changes its port: announced again under the same name (not renamed "(2)"), as a
            // browser that starts afterwards sees (one that cached the old record keeps it until its reaper runs)
            discovery.add(key, Announcement.of(Announcement.OSCJSON_TCP, "Stage A OSCQuery", 17342, Map.of("txtvers", "1")));
            JmDNS later = JmDNS.create(loopback, "test-browser-later");
            try {
                Seen changed = new Seen();
                later.addServiceListener("_oscjson._tcp.local.", changed);
                Awaitility.await().atMost(PATIENCE).until(() -> changed.resolved.containsKey("Stage A OSCQuery")
                        && changed.resolved.get("Stage A OSCQuery").getPort() == 17342);
                assertThat(changed.resolved).containsOnlyKeys("Stage A OSCQuery");

                // the announcement's service goes: only it is withdrawn
                discovery.remove(key);
                Awaitility.await().atMost(PATIENCE).until(() -> changed.resolved.isEmpty());
                assertThat(clasp.resolved).containsOnlyKeys("Stage A", "Stage A (udp 17332)");
            } finally {
                laterClosed = closing(later);
            }

            List<DiscoveredRouter> found = discovering.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(found).extracting(DiscoveredRouter::id).containsExactly("router-1");
            assertThat(found.get(0).name()).isEqualTo("Stage A");
            assertThat(found.get(0).via()).containsExactly("mdns");
            assertThat(found.get(0).endpoints()).contains(URI.create("ws://127.0.0.1:17330/"), URI.create("udp://127.0.0.1:17332/"));
        } finally {
            stopped = CompletableFuture.runAsync(discovery::stop);
        }
        // stop withdraws everything: the browser sees it while the responders are still saying goodbye
        Awaitility.await().atMost(PATIENCE).until(clasp.resolved::isEmpty);
        CompletableFuture<Void> browserClosed = closing(browser);
        CompletableFuture.allOf(stopped, laterClosed, browserClosed).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Awaitility.await().atMost(PATIENCE).untilAsserted(() -> {
            Set<String> left = new HashSet<>(Fixtures.discoveryThreads());
            left.removeAll(threadsBefore);
            assertThat(left).as("threads left after stop").isEmpty();
        });
    }

    /** Closes {@code jmdns} on another thread: it takes seconds to say goodbye. */
    private static CompletableFuture<Void> closing(JmDNS jmdns) {
        return CompletableFuture.runAsync(() -> {
            try {
                jmdns.close();
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static Map<String, String> txt(ServiceInfo info) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String k : java.util.Collections.list(info.getPropertyNames())) out.put(k, info.getPropertyString(k));
        return out;
    }
}
