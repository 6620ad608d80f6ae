package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime reads the configuration folder and never writes the files it loads: fileinstall's write-back would
 * truncate and rewrite a file on every configuration event, and a scan reading it in that moment applied it empty
 * (a listener fell back to 0.0.0.0:7330 and its file lost its settings).
 */
class EtcFilesUntouchedIT {
    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path workDir;

    @Test
    void aHandWrittenListenerFileIsAppliedAndNeverRewritten() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int port = RuntimeProcess.quietListener(etc);
        Path file = etc.resolve("clasp.transport.websocket-default.cfg");
        String written = Files.readString(file);
        FileTime modified = FileTime.fromMillis(0);
        Files.setLastModifiedTime(file, modified);   // fileinstall still loads it: its first scan sees a new file
        try (RuntimeProcess runtime = new RuntimeProcess(jar, workDir)) {
            String ready = runtime.awaitLine("CLASP runtime ready", START);
            assertThat(ready).contains("ws://127.0.0.1:" + port + "/ (default)");
            try (ClaspClient client = ClaspClient.connect(java.net.URI.create("ws://127.0.0.1:" + port + "/"), "reader")) {
                assertThat(client.isOpen()).isTrue();
            }
        }
        assertThat(Files.readString(file)).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }
}
