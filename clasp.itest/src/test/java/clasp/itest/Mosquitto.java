package clasp.itest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real mosquitto (Debian's, on PATH or in /usr/sbin) on a free 127.0.0.1 port with its configuration in a
 * temporary folder, and its command-line clients against it. The test stops it.
 */
final class Mosquitto implements AutoCloseable {
    private final int port;
    private final Process process;

    private Mosquitto(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static Mosquitto start() throws IOException {
        int port = Net.freePort();
        Path dir = Files.createTempDirectory("mosquitto");
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"),
                "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n");
        Process p = new ProcessBuilder(binary("mosquitto"), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Mosquitto m = new Mosquitto(port, p);
        Eventually.await(Duration.ofSeconds(30), "mosquitto accepting on " + port, m::accepts);
        return m;
    }

    String uri() { return "tcp://127.0.0.1:" + port; }

    /** mosquitto_pub with these arguments; fails on any output. */
    void pub(String... args) throws IOException, InterruptedException {
        List<String> out = run("mosquitto_pub", args);
        if (!out.isEmpty()) throw new AssertionError("mosquitto_pub: " + out);
    }

    /** mosquitto_sub with these arguments: its output lines. */
    List<String> sub(String... args) throws IOException, InterruptedException {
        return run("mosquitto_sub", args);
    }

    private List<String> run(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary(tool), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
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
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private static String binary(String name) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
        }
        throw new IllegalStateException(name + " not found on PATH nor in /usr/sbin: install mosquitto and mosquitto-clients");
    }
}
