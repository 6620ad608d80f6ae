package clasp.itest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code node src/test/node/js-subscriber.mjs}: the published JS client subscribed to one address over WebSocket. */
final class NodeSubscriber implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder output = new StringBuilder();

    private NodeSubscriber(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "clasp-itest-node-output");
        reader.setDaemon(true);
        reader.start();
    }

    static NodeSubscriber start(String url, String address) throws Exception {
        Path script = Path.of("src/test/node/js-subscriber.mjs").toAbsolutePath();
        Path root = script.getParent();
        while (root != null && !Files.isRegularFile(root.resolve("package-lock.json"))) root = root.getParent();
        if (root == null) throw new AssertionError("no package-lock.json above " + script);
        Process process = new ProcessBuilder(System.getProperty("clasp.node", "node"), script.toString(), url, address)
                .directory(root.toFile()).redirectErrorStream(true).start();
        return new NodeSubscriber(process);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                System.out.println("[node] " + line);
                synchronized (output) {
                    output.append(line).append('\n');
                }
                lines.add(line);
            }
        } catch (java.io.IOException closed) {
            // the process ended
        }
    }

    /** The first line not read yet that starts with {@code prefix}. */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(prefix)) return line;
            if (line == null && !process.isAlive() && lines.isEmpty()) break;
        }
        synchronized (output) {
            throw new AssertionError("node printed no line starting with \"" + prefix + "\"; its output:\n" + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
