package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the exported runtime as an administrator would, headless: {@code java -jar clasp.jar </dev/null}. */
class RuntimeProcessIT {
    private static final String STATUS = RuntimeProcess.STATUS;

    @TempDir
    Path workDir;

    @Test
    void startsHeadlessWithEveryBundleActiveAndStopsOnSigterm() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        RuntimeProcess.quietListener(workDir.resolve("etc"));
        Files.delete(workDir.resolve("etc").resolve(RuntimeProcess.QUIET_DISCOVERY));   // discovery as shipped
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            String status = runtime.awaitLine(STATUS, Duration.ofSeconds(60));

            assertThat(status).contains(STATUS + jar.bundles().size() + " bundles, all active");
            // the runtime's logback.xml is in force: its pattern, INFO and the logger abbreviated
            assertThat(status).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] c\\.runtime\\.internal\\.RuntimeActivator - .*");
            assertThat(workDir.resolve("etc")).isDirectory();
            // Without a terminal an interactive Gogo stops the framework at end of input, or spins on it; headless
            // keeps running, idle: no thread of its own is on a CPU in every one of 20 looks.
            Set<String> alwaysRunning = null;
            for (int look = 0; look < 20; look++) {
                Set<String> running = runtime.runningThreads();
                if (alwaysRunning == null) alwaysRunning = running; else alwaysRunning.retainAll(running);
                Thread.sleep(100);
            }
            alwaysRunning.removeIf(RuntimeProcessIT::jitCompiler);
            assertThat(alwaysRunning).as("threads running at every look").isEmpty();
            assertThat(runtime.process.isAlive()).as("still running after those looks").isTrue();

            runtime.process.destroy(); // SIGTERM
            assertThat(runtime.process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
            assertThat(runtime.process.exitValue()).isIn(0, 143);
            assertThat(runtime.output())
                    .noneMatch(line -> line.contains(" ERROR ") || line.contains("Exception") || line.startsWith("SLF4J"));
        }
    }

    /**
     * A fresh runtime writes its defaults and serves 7330; editing its file moves the listener; deleting it removes
     * it. The only test that needs port 7330 free (every other one listens on a free port): skipped, saying so,
     * when something else holds it.
     */
    @Test
    void theDefaultListenerServes7330AndItsFileReconfiguresAndRemovesIt() throws Exception {
        assumeTrue(free(7330), "port 7330 is in use: this test checks the runtime's default listener on 7330; "
                + "stop what listens there to run it");
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        Path listener = etc.resolve("clasp.transport.websocket-default.cfg");
        assertThat(Net.probe(7330)).as("port 7330, which this test needs free, already serves HTTP").isEqualTo(-1);
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            runtime.awaitLine(STATUS, Duration.ofSeconds(60));
            assertThat(listener).content().contains("port=7330");
            assertThat(etc.resolve("clasp.router.cfg")).exists();
            await().atMost(60, TimeUnit.SECONDS).until(() -> Net.probe(7330) == 200);

            int port = Net.freePort();
            Files.writeString(listener, "host=127.0.0.1\nport=" + port + "\n");
            await().atMost(60, TimeUnit.SECONDS).until(() -> Net.probe(port) == 200 && Net.probe(7330) == -1);

            Files.delete(listener);
            await().atMost(60, TimeUnit.SECONDS).until(() -> Net.probe(port) == -1);
        }
        // Defaults are written once: the deleted listener stays deleted on the next start.
        try (RuntimeProcess again = new RuntimeProcess(jar, workDir)) {
            again.awaitLine(STATUS, Duration.ofSeconds(60));
            assertThat(listener).doesNotExist();
        }
    }

    /** The JIT compiles on its own threads for a while after startup, however idle the application is. */
    private static boolean jitCompiler(String thread) {
        return thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre");
    }

    /** True when nothing listens on {@code port} (any address), as the default listener needs. */
    private static boolean free(int port) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(port));
            return true;
        } catch (java.io.IOException inUse) {
            return false;
        }
    }

    @Test
    void claspEtcMovesTheConfigurationFolder() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        RuntimeProcess.quietListener(workDir.resolve("conf/clasp"));
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir, "-Dclasp.etc=conf/clasp")) {
            assertThat(runtime.awaitLine(STATUS, Duration.ofSeconds(60))).contains("all active");

            assertThat(workDir.resolve("conf/clasp")).isDirectory();
            assertThat(workDir.resolve("etc")).doesNotExist();
        }
    }
}
