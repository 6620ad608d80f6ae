package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.test.peers.Olad;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's worked example, for real: the runtime with an Art-Net bridge sending to a lighting node (OLA's olad), and
 * the example page {@code examples/fader/} in headless Chromium on the published JavaScript client. The page's fader
 * moved to 0.5 becomes a SET of {@code /artnet/1/1}, and channel 1 of the node's universe shows 128.
 */
class BrowserFaderIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void aFaderInTheBrowserMovesALightChannel() throws Exception {
        Path repository = Path.of(System.getProperty("user.dir")).getParent();
        assertThat(repository.resolve("node_modules/@clasp-to/core")).as("npm ci installs the JavaScript client").isDirectory();
        Path etc = workDir.resolve("etc");
        int webSocketPort = RuntimeProcess.quietListener(etc);
        Files.writeString(etc.resolve("clasp.bridge.artnet-stage.cfg"), String.join("\n",
                "bindAddress = \"127.0.0.1\"",
                "port = \"" + Net.freePort() + "\"",
                "nodes = [ \"127.0.0.1:6454\" ]",
                "discoverNodes = \"false\"", ""));
        HttpServer pages = files(repository);
        // OLA's Art-Net input patched to its universe 1 takes port-address 1 (net 0, subnet 0, universe 1)
        try (Olad node = Olad.builder().artnet(true).port("2-1-I-0 = 1").start();
             RuntimeProcess runtime = new RuntimeProcess(RuntimeJar.fromSystemProperty(), workDir)) {
            node.awaitUniverse(1);
            runtime.awaitLine("bridge stage is ONLINE", WAIT);
            String page = "http://127.0.0.1:" + pages.getAddress().getPort() + "/examples/fader/?router=ws://127.0.0.1:"
                    + webSocketPort + "&address=/artnet/1/1&move=0.5";
            try (HeadlessChromium browser = new HeadlessChromium(page)) {
                await().atMost(WAIT).until(() -> browser.text("document.getElementById('status').textContent"),
                        status -> status.contains("moved to 0.5"));
                await().atMost(WAIT).untilAsserted(() -> assertThat(node.dmx(1)[0]).isEqualTo(128));
            }
        } finally {
            pages.stop(0);
        }
    }

    /** The repository's files over HTTP on loopback (the page, and the client under node_modules). */
    private static HttpServer files(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (Files.isDirectory(file)) file = file.resolve("index.html");
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String name = file.getFileName().toString();
            exchange.getResponseHeaders().set("Content-Type", name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith("js") ? "text/javascript" : "application/octet-stream");
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
