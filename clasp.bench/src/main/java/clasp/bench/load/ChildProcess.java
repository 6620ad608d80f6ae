package clasp.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A broker started by this tool in its own working folder, its output in {@code broker.log} there. */
public final class ChildProcess {
    private final Process process;
    private final Path log;

    private ChildProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static ChildProcess start(List<String> command, Path dir) {
        Path log = dir.resolve("broker.log");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ChildProcess child = new ChildProcess(p, log);
            Runtime.getRuntime().addShutdownHook(new Thread(child::stop));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() { return process.pid(); }

    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits until {@code ready} holds; fails with the broker's output if it exits or the time runs out. */
    public void awaitReady(BooleanSupplier ready, long timeoutSeconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) throw new IllegalStateException(what + " exited with " + process.exitValue() + ":\n" + log());
            if (System.nanoTime() > deadline) throw new IllegalStateException(what + " not ready after " + timeoutSeconds + " s:\n" + log());
            sleep(100);
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    public void stop() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
