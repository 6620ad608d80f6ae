package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.client.ClaspClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime with {@code etc/clasp.oscquery.cfg}: its OSCQuery server answers the tree with a value a CLASP client
 * set and HOST_INFO with the configured name, and the discovery bundle (announcing on the loopback interface)
 * makes it visible to a jmdns browser as {@code _oscjson._tcp} on that port.
 */
class OscQueryIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    /** The resolved services of one type, by instance name. */
    static final class Seen implements ServiceListener {
        final Map<String, ServiceInfo> resolved = new ConcurrentHashMap<>();

        @Override public void serviceAdded(ServiceEvent e) {
            e.getDNS().requestServiceInfo(e.getType(), e.getName(), true);
        }

        @Override public void serviceRemoved(ServiceEvent e) {
            resolved.remove(e.getName());
        }

        @Override public void serviceResolved(ServiceEvent e) {
            if (e.getInfo().getPort() > 0) resolved.put(e.getName(), e.getInfo());
        }
    }

    @Test
    void theRuntimeServesOscQueryAndIsAnnouncedAsOscjson() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int ws = RuntimeProcess.quietListener(etc);
        int oscquery = Net.freePort();
        int udp = Net.freePort();
        Files.writeString(etc.resolve("clasp.oscquery.cfg"), "host=127.0.0.1\nport=" + oscquery + "\nname=OSCQuery IT\n");
        Files.writeString(etc.resolve("clasp.discovery.cfg"), "interfaces=lo\nbroadcastPort=" + udp + "\nrescanSeconds=1\n");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpClient http = HttpClient.newHttpClient();
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            runtime.awaitLine(RuntimeProcess.STATUS, START);
            runtime.awaitLine("clasp.oscquery: OSCQuery on http://127.0.0.1:" + oscquery + "/", START);
            try (ClaspClient client = ClaspClient.builder(URI.create("ws://127.0.0.1:" + ws + "/")).name("it-writer").build()) {
                client.connect(START);
                client.set("/it/level", Value.of(0.5)).get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            HttpResponse<String> tree = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + oscquery + "/it")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tree.statusCode()).isEqualTo(200);
            assertThat(tree.body()).isEqualTo("{\"FULL_PATH\":\"/it\",\"ACCESS\":0,\"CONTENTS\":{\"level\":"
                    + "{\"FULL_PATH\":\"/it/level\",\"TYPE\":\"f\",\"VALUE\":[0.5],\"ACCESS\":3}}}");
            HttpResponse<String> info = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + oscquery + "/?HOST_INFO")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.body()).startsWith("{\"NAME\":\"OSCQuery IT\",").endsWith("\"WS_IP\":\"127.0.0.1\",\"WS_PORT\":" + oscquery + "}");

            JmDNS browser = JmDNS.create(loopback, "oscquery-it-browser");
            try {
                Seen oscjson = new Seen();
                browser.addServiceListener("_oscjson._tcp.local.", oscjson);
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> oscjson.resolved.containsKey("OSCQuery IT"));
                ServiceInfo found = oscjson.resolved.get("OSCQuery IT");
                assertThat(found.getPort()).isEqualTo(oscquery);
                assertThat(found.getPropertyString("txtvers")).isEqualTo("1");
            } finally {
                browser.close();
            }
        }
    }
}
