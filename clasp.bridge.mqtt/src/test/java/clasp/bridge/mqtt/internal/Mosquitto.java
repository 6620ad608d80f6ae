package clasp.bridge.mqtt.internal;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto (Debian's, found on PATH or in /usr/sbin) on a free 127.0.0.1 port, with a configuration file in
 * a temporary folder; it can be killed (SIGKILL) and started again on the same port. Also runs mosquitto_pub and
 * mosquitto_sub against it.
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static Mosquitto start() {
        return start(null, "");
    }

    /**
     * Starts one with {@code listenerOptions} (lines such as {@code certfile …}) after its listener line, its files in
     * {@code dir} (null: a new temporary folder).
     */
    static Mosquitto start(Path dir, String listenerOptions) {
        try {
            if (dir == null) dir = Files.createTempDirectory("mosquitto");
            Mosquitto m = new Mosquitto(dir, freePort());
            Files.writeString(dir.resolve("mosquitto.conf"), "listener " + m.port + " 127.0.0.1\n" + listenerOptions
                    + "allow_anonymous true\npersistence false\nlog_dest none\n");
            m.restart();
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() { return port; }

    String uri() { return "tcp://127.0.0.1:" + port; }

    /** Starts it (again) on its port and waits until the port accepts connections. */
    void restart() {
        try {
            process = new ProcessBuilder(binary("mosquitto"), "-c", dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(this::accepts);
    }

    /** SIGKILL: the broker vanishes with its state (persistence is off), as a crashed broker does. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs mosquitto_pub with these arguments (host and port added) and waits for it. */
    void pub(String... args) {
        List<String> out = run("mosquitto_pub", args);
        if (!out.isEmpty()) throw new AssertionError("mosquitto_pub: " + out);
    }

    /** Runs mosquitto_sub with these arguments (host and port added) and returns its output lines (not stderr). */
    List<String> sub(String... args) {
        return run("mosquitto_sub", args);
    }

    /**
     * The retained message of {@code topic} as "retain qos topic payload" (QoS as stored: subscribed with QoS 2),
     * waiting until the broker has one.
     */
    String retained(String topic) {
        List<String> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen.clear();
            seen.addAll(sub("-t", topic, "-q", "2", "--retained-only", "-C", "1", "-W", "1", "-F", "%r %q %t %p"));
            return !seen.isEmpty();
        });
        return seen.get(0);
    }

    private List<String> run(String tool, String... args) {
        List<String> command = new ArrayList<>(List.of(binary(tool), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (tool.equals("mosquitto_sub")) builder.redirectError(ProcessBuilder.Redirect.DISCARD);
            else builder.redirectErrorStream(true);
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(tool + " did not end: " + out);
            }
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override public void close() {
        if (process != null) kill();
    }

    static String binary(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new IllegalStateException(name + " not found on PATH nor in /usr/sbin: install mosquitto and mosquitto-clients");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
