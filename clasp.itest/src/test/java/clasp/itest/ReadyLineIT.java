package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's ready line, {@code CLASP runtime ready in N ms: accepting clients on ...}: it comes once every
 * configured listener accepts, so a client connecting right after it gets in; the shell's start level follows it,
 * so the "started" line (every bundle active) comes after it.
 */
class ReadyLineIT {
    private static final String READY = "CLASP runtime ready in ";
    private static final String NOT_READY = "CLASP runtime not ready: waiting for ";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path workDir;

    @Test
    void readyComesOnceEveryListenerAcceptsClientsConnectRightAfterItAndStartedFollows() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int main = RuntimeProcess.quietListener(etc);
        int foh = Net.freePort();
        Files.writeString(etc.resolve("clasp.transport.websocket-foh.cfg"), "host=127.0.0.1\nport=" + foh + "\n");
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            String ready = runtime.awaitLine(READY, START);

            // No waiting: the line promises that both listeners accept now.
            try (ClaspClient a = ClaspClient.connect(URI.create("ws://127.0.0.1:" + main + "/"), "first");
                 ClaspClient b = ClaspClient.connect(URI.create("ws://127.0.0.1:" + foh + "/"), "second")) {
                assertThat(ready).matches(".* INFO  \\[clasp-runtime-ready] .* - CLASP runtime ready in \\d+ ms: accepting clients on "
                        + "ws://127\\.0\\.0\\.1:" + main + "/ \\(default\\), ws://127\\.0\\.0\\.1:" + foh + "/ \\(foh\\)");
            }
            assertThat(runtime.awaitLine(RuntimeProcess.STATUS, START)).contains("all active");
            List<String> output = runtime.output();
            assertThat(indexOf(output, READY)).isLessThan(indexOf(output, RuntimeProcess.STATUS));
            assertThat(output).filteredOn(line -> line.contains(READY)).hasSize(1);
            assertThat(output).noneMatch(line -> line.contains(NOT_READY));
        }
    }

    @Test
    void aListenerThatCannotOpenIsNamedAndReadyFollowsOnceItsFileIsFixed() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int main = RuntimeProcess.quietListener(etc);
        Path foh = etc.resolve("clasp.transport.websocket-foh.cfg");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(foh, "host=127.0.0.1\nport=" + busy.getLocalPort() + "\n");
            try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
                String notReady = runtime.awaitLine(NOT_READY, START);
                assertThat(notReady).contains(" WARN  ").contains("listener foh: FAILED (")
                        .contains(":" + busy.getLocalPort()).doesNotContain("listener default");
                assertThat(runtime.output()).noneMatch(line -> line.contains(READY));

                int free = Net.freePort();
                Files.writeString(foh, "host=127.0.0.1\nport=" + free + "\n");
                String ready = runtime.awaitLine(READY, START);

                assertThat(ready).contains("ws://127.0.0.1:" + main + "/ (default), ws://127.0.0.1:" + free + "/ (foh)");
                try (ClaspClient client = ClaspClient.connect(URI.create("ws://127.0.0.1:" + free + "/"), "after the fix")) {
                    assertThat(runtime.output()).filteredOn(line -> line.contains(NOT_READY)).hasSize(1);
                }
            }
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) return i;
        }
        throw new AssertionError("no line with \"" + text + "\" in " + lines);
    }
}
