package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the exported runtime as an administrator would, headless: {@code java -jar clasp.jar </dev/null}. */
class RuntimeProcessIT {
    private static final String STATUS = "CLASP runtime started: ";

    @TempDir
    Path workDir;

    @Test
    void startsHeadlessWithEveryBundleActiveAndStopsOnSigterm() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        try (Runtime runtime = new Runtime(jar, workDir)) {
            String status = runtime.awaitLine(STATUS, Duration.ofSeconds(60));

            assertThat(status).contains(STATUS + jar.bundles().size() + " bundles, all active");
            // the runtime's logback.xml is in force: its pattern, INFO and the logger abbreviated
            assertThat(status).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] c\\.runtime\\.internal\\.RuntimeActivator - .*");
            assertThat(workDir.resolve("etc")).isDirectory();
            // Without a terminal an interactive Gogo stops the framework at end of input, or spins on it; headless
            // keeps running, idle.
            Duration cpuBefore = runtime.cpu();
            assertThat(runtime.process.waitFor(2, TimeUnit.SECONDS)).as("still running 2 s after startup").isFalse();
            assertThat(runtime.cpu().minus(cpuBefore)).as("CPU used in those 2 s").isLessThan(Duration.ofSeconds(1));

            runtime.process.destroy(); // SIGTERM
            assertThat(runtime.process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of SIGTERM").isTrue();
            assertThat(runtime.process.exitValue()).isIn(0, 143);
            assertThat(runtime.output())
                    .noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("SLF4J"));
        }
    }

    @Test
    void claspEtcMovesTheConfigurationFolder() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        try (Runtime runtime = new Runtime(jar, workDir, "-Dclasp.etc=conf/clasp")) {
            assertThat(runtime.awaitLine(STATUS, Duration.ofSeconds(60))).contains("all active");

            assertThat(workDir.resolve("conf/clasp")).isDirectory();
            assertThat(workDir.resolve("etc")).doesNotExist();
        }
    }

    /** The runtime process, its output collected line by line; closing it kills what is left of it. */
    private static final class Runtime implements AutoCloseable {
        final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final List<String> output = new ArrayList<>();

        Runtime(RuntimeJar jar, Path workDir, String... jvmOptions) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-jar", jar.path().toString()));
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            Thread reader = new Thread(this::readOutput, "clasp-itest-runtime-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void readOutput() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[runtime] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output closed: " + e);
            }
        }

        String awaitLine(String text, Duration timeout) throws InterruptedException {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                String line = lines.poll(Duration.between(Instant.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
                if (line != null && line.contains(text)) {
                    return line;
                }
            }
            throw new AssertionError("no line with \"" + text + "\" within " + timeout + "; output: " + output());
        }

        Duration cpu() {
            return process.info().totalCpuDuration().orElseThrow();
        }

        List<String> output() {
            synchronized (output) {
                return List.copyOf(output);
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
