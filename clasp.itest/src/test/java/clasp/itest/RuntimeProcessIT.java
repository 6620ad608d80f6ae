package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
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
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir, "-Dclasp.etc=conf/clasp")) {
            assertThat(runtime.awaitLine(STATUS, Duration.ofSeconds(60))).contains("all active");

            assertThat(workDir.resolve("conf/clasp")).isDirectory();
            assertThat(workDir.resolve("etc")).doesNotExist();
        }
    }
}
