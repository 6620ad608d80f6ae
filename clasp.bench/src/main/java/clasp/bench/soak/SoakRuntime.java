package clasp.bench.soak;

import clasp.bench.load.ChildProcess;
import clasp.bench.load.ClientNet;
import clasp.client.Reconnect;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The CLASP runtime jar as a child JVM in its own folder ({@code <out>/runtime}, output in {@code broker.log} there)
 * with its own {@code etc/}: a WebSocket and a TCP listener on free loopback ports without the per-address limits
 * (every soak client comes from 127.0.0.1) and the router named after the WebSocket port. Ready once a client's
 * WELCOME over each listener names that router.
 */
final class SoakRuntime implements AutoCloseable {
    private final ChildProcess child;
    private final Path etc;
    private final URI ws;
    private final URI tcp;

    private SoakRuntime(ChildProcess child, Path etc, URI ws, URI tcp) {
        this.child = child;
        this.etc = etc;
        this.ws = ws;
        this.tcp = tcp;
    }

    static SoakRuntime start(Path jar, Path dir, String heap) throws IOException {
        int wsPort = ClientNet.freePort();
        int tcpPort = ClientNet.freePort();
        String name = "clasp-soak-" + wsPort;
        Path etc = Files.createDirectories(dir.resolve("etc"));
        // Named -default: otherwise the runtime writes its default WebSocket listener on 0.0.0.0:7330.
        Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"),
                "host=127.0.0.1\nport=" + wsPort + "\nmaxConnectionsPerIp=0\nmaxHandshakesPerSecond=0\n");
        Files.writeString(etc.resolve("clasp.transport.tcp-soak.cfg"), "host=127.0.0.1\nport=" + tcpPort + "\nmaxConnectionsPerIp=0\n");
        Files.writeString(etc.resolve("clasp.router.cfg"), "name=" + name + "\n");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Dclasp.headless=true", "-jar", jar.toAbsolutePath().toString());
        ChildProcess child = ChildProcess.start(command, dir);
        URI ws = URI.create("ws://127.0.0.1:" + wsPort + "/");
        URI tcp = URI.create("tcp://127.0.0.1:" + tcpPort);
        try {
            child.awaitReady(() -> welcomes(ws, name) && welcomes(tcp, name), 120, "CLASP runtime");
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return new SoakRuntime(child, etc, ws, tcp);
    }

    private static boolean welcomes(URI uri, String name) {
        clasp.client.ClaspClient probe = clasp.client.ClaspClient.builder(uri).name("soak probe").reconnect(Reconnect.off()).build();
        try {
            probe.connect(Duration.ofSeconds(5));
            return name.equals(probe.routerName());
        } catch (Exception e) {
            return false;
        } finally {
            probe.close();
        }
    }

    long pid() { return child.pid(); }
    Path etc() { return etc; }
    URI ws() { return ws; }
    URI tcp() { return tcp; }

    /** Whether the runtime's process still runs. */
    boolean alive() { return ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false); }

    @Override public void close() { child.stop(); }
}
