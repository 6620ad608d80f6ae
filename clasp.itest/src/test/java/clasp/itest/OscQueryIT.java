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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * makes it visible to a jmdns browser as {@code _oscjson._tcp} on that port, and the OSC adapter as {@code _osc._udp}.
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
        int osc;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            osc = probe.getLocalPort();
        }
        Files.writeString(etc.resolve("clasp.transport.osc-main.cfg"), "host=127.0.0.1\nport=" + osc + "\n");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<Void> browserClosed = CompletableFuture.completedFuture(null);
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            started(runtime, oscquery);
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
                Seen oscUdp = new Seen();   // the OSC adapter, announced beside it
                browser.addServiceListener("_osc._udp.local.", oscUdp);
                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> oscUdp.resolved.containsKey("CLASP OSC main"));
                assertThat(oscUdp.resolved.get("CLASP OSC main").getPort()).isEqualTo(osc);
            } finally {
                // jmdns takes seconds to close, and so does the runtime's: side by side
                browserClosed = CompletableFuture.runAsync(() -> {
                    try {
                        browser.close();
                    } catch (java.io.IOException e) {
                        throw new CompletionException(e);
                    }
                });
            }
        } finally {
            browserClosed.get(120, TimeUnit.SECONDS);
        }
    }

    /**
     * With the OSC adapter running, HOST_INFO names it, and what {@code oscsend} writes through the adapter reaches a
     * WebSocket client that LISTENs to the param as a binary OSC message, byte for byte.
     */
    @Test
    void anOscsendWriteReachesAListeningWebSocketClientAndHostInfoNamesTheAdapter() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        RuntimeProcess.quietListener(etc);
        int oscquery = Net.freePort();
        int osc;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            osc = probe.getLocalPort();
        }
        Files.writeString(etc.resolve("clasp.oscquery.cfg"), "host=127.0.0.1\nport=" + oscquery + "\n");
        Files.writeString(etc.resolve("clasp.transport.osc-main.cfg"), "host=127.0.0.1\nport=" + osc + "\n");
        HttpClient http = HttpClient.newHttpClient();
        URI hostInfo = URI.create("http://127.0.0.1:" + oscquery + "/?HOST_INFO");
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            started(runtime, oscquery);
            Awaitility.await().atMost(START).until(() -> http.send(HttpRequest.newBuilder(hostInfo).build(),
                    HttpResponse.BodyHandlers.ofString()).body().contains("\"OSC_PORT\":" + osc));
            assertThat(http.send(HttpRequest.newBuilder(hostInfo).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("\"OSC_IP\":\"127.0.0.1\",\"OSC_PORT\":" + osc + ",\"OSC_TRANSPORT\":\"UDP\"");

            oscsend(osc, "/desk/fader", "f", "0.25");   // the param exists, under the adapter's namespace /osc
            java.util.List<byte[]> binary = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + oscquery + "/"),
                    new java.net.http.WebSocket.Listener() {
                        private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();

                        @Override
                        public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket socket, java.nio.ByteBuffer data, boolean last) {
                            byte[] bytes = new byte[data.remaining()];
                            data.get(bytes);
                            message.writeBytes(bytes);
                            if (last) {
                                binary.add(message.toByteArray());
                                message.reset();
                            }
                            socket.request(1);
                            return null;
                        }
                    }).get(30, java.util.concurrent.TimeUnit.SECONDS);
            try {
                ws.sendText("{\"COMMAND\":\"LISTEN\",\"DATA\":\"/osc/desk/fader\"}", true).get(30, java.util.concurrent.TimeUnit.SECONDS);
                byte[] half = java.util.HexFormat.of().parseHex(
                        "2f6f73632f6465736b2f666164657200" + "2c660000" + "3f000000");   // "/osc/desk/fader" NUL, ",f" NUL NUL, 0.5f
                // The LISTEN is handled when its frame arrives; a write sent before that is not for this client.
                Awaitility.await().atMost(START).pollInterval(Duration.ofMillis(500)).until(() -> {
                    oscsend(osc, "/desk/fader", "f", "0.5");
                    return binary.stream().anyMatch(b -> java.util.Arrays.equals(b, half));
                });
                // Anything else it got is the earlier value 0.25, delivered after the LISTEN.
                byte[] quarter = java.util.HexFormat.of().parseHex("2f6f73632f6465736b2f666164657200" + "2c660000" + "3e800000");
                assertThat(binary).allMatch(b -> java.util.Arrays.equals(b, half) || java.util.Arrays.equals(b, quarter));
            } finally {
                ws.abort();
            }
        }
    }

    /** The runtime started and its OSCQuery server listens (the two lines come in either order). */
    private static void started(RuntimeProcess runtime, int oscquery) {
        String listening = "clasp.oscquery: OSCQuery on http://127.0.0.1:" + oscquery + "/";
        Awaitility.await().atMost(START).until(() -> runtime.output().stream().anyMatch(l -> l.contains(RuntimeProcess.STATUS))
                && runtime.output().stream().anyMatch(l -> l.contains(listening)));
    }

    private static void oscsend(int port, String path, String types, String value) throws Exception {
        Process p = new ProcessBuilder("oscsend", "127.0.0.1", Integer.toString(port), path, types, value)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oscsend output: %s", output).isZero();
    }
}
