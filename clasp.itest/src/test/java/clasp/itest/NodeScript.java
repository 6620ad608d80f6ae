package clasp.itest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of {@code src/test/js-store} run against a router ({@code CLASP_URL}) with the npm packages of the
 * repository root (the published JS client, see NodeInteropIT); its output is collected line by line.
 */
final class NodeScript implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    NodeScript(int port, String script, String... args) throws IOException {
        Path file = Path.of(System.getProperty("clasp.node.store", "src/test/js-store")).toAbsolutePath().resolve(script);
        if (!Files.isRegularFile(file)) throw new IllegalStateException("no Node script " + file);
        List<String> command = new ArrayList<>(List.of(System.getProperty("clasp.node", "node"), file.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CLASP_URL", "ws://127.0.0.1:" + port + "/");
        builder.environment().put("NO_COLOR", "1");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("the persistence tests need Node 20+ and `npm ci` in the repository root: " + e.getMessage(), e);
        }
        process.getOutputStream().close();
        reader = new Thread(this::read, "clasp-itest-node-script");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("[node] " + line);
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    /** The words after {@code key} on the first line that starts with it, waiting for the line up to {@code timeout}. */
    String fact(String key, Duration timeout) {
        return Eventually.until("the Node script's line \"" + key + " ...\"", timeout,
                () -> find(key).orElseThrow(() -> new IllegalStateException(exited() ? "it exited: " + output() : "not yet")),
                v -> true);
    }

    /** Every line that starts with {@code key}, the key cut off. */
    List<String> facts(String key) {
        synchronized (lines) {
            return lines.stream().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1)).toList();
        }
    }

    private Optional<String> find(String key) {
        return facts(key).stream().findFirst();
    }

    private boolean exited() {
        return !process.isAlive();
    }

    /** Waits for the script to end; fails unless it ended well. */
    void awaitSuccess(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the Node script did not end within " + timeout + ": " + output());
        }
        reader.join(5000);
        if (process.exitValue() != 0) throw new AssertionError("the Node script failed: " + output());
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        reader.join(5000);
    }
}
