package clasp.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLASP runtime ({@code clasp.jar}) started as a child JVM in a fresh folder with its own {@code etc/}:
 * the WebSocket transport on a free loopback port, the router without a rate limit and with room for the idle
 * sessions. Ready once a client's WELCOME carries the configured router name, i.e. both files are applied.
 */
final class ClaspRuntimeBroker implements Broker {
    private final ChildProcess child;
    private final URI uri;
    private final List<String> jvmArgs;

    private ClaspRuntimeBroker(ChildProcess child, URI uri, List<String> jvmArgs) {
        this.child = child;
        this.uri = uri;
        this.jvmArgs = jvmArgs;
    }

    static ClaspRuntimeBroker start(Path jar, List<String> jvmArgs, int maxSessions, int ioThreads, Path dir, ClientNet net) {
        int port = ClientNet.freePort();
        String name = "clasp-bench-" + port;
        try {
            Path etc = Files.createDirectories(dir.resolve("etc"));
            Files.writeString(etc.resolve("clasp.transport.websocket-default.cfg"), "host=127.0.0.1\nport=" + port + "\n"
                    + (ioThreads > 0 ? "ioThreads=" + ioThreads + "\n" : ""));
            Files.writeString(etc.resolve("clasp.router.cfg"), String.join("\n",
                    "name=" + name,
                    "# The load tool's publisher sends faster than the default 50,000 frames/s limit allows when asked to.",
                    "rateLimitPerSecond=0",
                    "maxSessions=" + maxSessions,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-Dclasp.headless=true",
                "-jar", jar.toAbsolutePath().toString()));
        ChildProcess child = ChildProcess.start(command, dir);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        ClaspRuntimeBroker broker = new ClaspRuntimeBroker(child, uri, jvmArgs);
        try {
            child.awaitReady(() -> child.log().contains("listening on ws://127.0.0.1:" + port + "/") && welcomes(net, uri, name),
                    90, "CLASP runtime");
        } catch (RuntimeException e) {
            child.stop();
            throw e;
        }
        return broker;
    }

    /** Whether a handshake gets a WELCOME naming the configured router. */
    private static boolean welcomes(ClientNet net, URI uri, String name) {
        ClaspClient probe = new ClaspClient(net, uri, Probe.Sink.NONE);
        try {
            probe.connect().get(5, TimeUnit.SECONDS);
            return name.equals(probe.routerName());
        } catch (Exception e) {
            return false;
        } finally {
            probe.close().join();
        }
    }

    /** Where clients reach it. */
    URI uri() { return uri; }

    @Override public String name() { return "CLASP"; }
    @Override public long pid() { return child.pid(); }
    @Override public boolean isJvm() { return true; }
    @Override public PubSubClient client(ClientNet net, Probe.Sink sink) { return new ClaspClient(net, uri, sink); }

    @Override
    public String describe() {
        return "CLASP runtime, " + uri + ", JVM options " + (jvmArgs.isEmpty() ? "none" : String.join(" ", jvmArgs));
    }

    @Override public void close() { child.stop(); }
}
