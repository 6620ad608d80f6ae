package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What docs/runtime.md says of bundles in the configuration folder: fileinstall installs and starts a jar put
 * there (so writing to the folder runs code in the router), and {@code -Dfelix.fileinstall.filter='.*\.cfg'}
 * turns that off while the folder's configurations still apply.
 */
class EtcBundlesIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern LFO_ACTIVE = Pattern.compile("\\|Active +\\| +\\d+\\|CLASP LFO bridge \\(example\\)");

    @TempDir
    Path workDir;

    @Test
    void aJarInTheFolderIsInstalledAndStarted() throws Exception {
        try (RuntimeTerminal terminal = startWithTheExampleInEtc()) {
            try {
                await().atMost(SHELL).pollInterval(Duration.ofMillis(500)).until(() -> listed(terminal).contains("CLASP LFO bridge"));
                assertThat(LFO_ACTIVE.matcher(listed(terminal)).find()).as("the example bundle is active").isTrue();
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
            }
        }
    }

    @Test
    void theCfgFilterReadsConfigurationsOnly() throws Exception {
        try (RuntimeTerminal terminal = startWithTheExampleInEtc("-Dfelix.fileinstall.filter=.*\\.cfg")) {
            try {
                // the listener's .cfg applied: fileinstall has scanned the folder
                await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).until(() -> Net.probe(port) == 200);
                // a later scan, proven by a listener file written now coming up, installs nothing either
                int later = Net.freePort();
                Files.writeString(workDir.resolve("etc").resolve("clasp.transport.websocket-later.cfg"),
                        "host=127.0.0.1\nport=" + later + "\n");
                await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).until(() -> Net.probe(later) == 200);
                assertThat(listed(terminal)).contains("CLASP router").doesNotContain("CLASP LFO bridge");
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
            }
        }
    }

    private int port;

    private RuntimeTerminal startWithTheExampleInEtc(String... jvmOptions) throws Exception {
        Path etc = workDir.resolve("etc");
        port = RuntimeProcess.quietListener(etc);
        Path example = Path.of(System.getProperty("clasp.example.jar"));
        assertThat(example).as("the example's jar, built by maven-invoker (mvn install runs it)").isRegularFile();
        Files.copy(example, etc.resolve(example.getFileName()));
        RuntimeTerminal terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), workDir, jvmOptions);
        try {
            terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS)), STARTUP);
            terminal.awaitPrompt(SHELL);
        } catch (Throwable failure) {
            String screen = terminal.screen();
            terminal.close();
            throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + screen, failure);
        }
        return terminal;
    }

    /** What {@code lb CLASP} lists now. */
    private static String listed(RuntimeTerminal terminal) throws Exception {
        int from = terminal.mark();
        terminal.type("lb CLASP");
        terminal.type("echo listed-" + from);
        terminal.await(from, Pattern.compile("(?m)^listed-" + from), SHELL);
        String out = terminal.output();
        return out.substring(from, out.lastIndexOf("listed-" + from));
    }
}
