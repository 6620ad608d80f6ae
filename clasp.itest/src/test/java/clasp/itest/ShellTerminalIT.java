package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell as an administrator uses it at a terminal (the runtime in tmux): {@code clasp:watch} until Ctrl-C,
 * and leaving the shell. Ctrl-C must end the watch and give the prompt back without an exception; Ctrl-D at the
 * prompt ends the shell and, with it, the runtime.
 */
class ShellTerminalIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(20);
    private static final Pattern PROMPT = Pattern.compile("g! ");

    @TempDir
    Path workDir;

    @Test
    void ctrlCEndsAWatchQuietlyAndCtrlDLeavesTheShellAndStopsTheRuntime() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        int port = RuntimeProcess.quietListener(workDir.resolve("etc"));
        try (RuntimeTerminal terminal = RuntimeTerminal.start(jar, workDir)) {
            try {
                terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
                terminal.awaitPrompt(SHELL);
                await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).until(() -> Net.probe(port) == 200);

                try (ClaspWebSocketClient client = ClaspWebSocketClient.connect(port, "terminal-writer")) {
                    int watching = terminal.mark();
                    terminal.type("clasp:watch /term/**");
                    // the watch prints what a client writes, until Ctrl-C
                    await().atMost(SHELL).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        client.send(new SetMessage("/term/x", Value.of(42L)));
                        assertThat(terminal.output().substring(watching)).contains("/term/x  param  42");
                    });
                    int pressed = terminal.mark();
                    terminal.press("C-c");
                    terminal.await(pressed, PROMPT, SHELL);
                    terminal.run("clasp.session:list", Pattern.compile("terminal-writer"), SHELL);
                    String after = terminal.output().substring(pressed);
                    assertThat(after).as("what the terminal showed after Ctrl-C")
                            .doesNotContain("Exception").doesNotContain("shell-watch");
                }

                // Ctrl-D at the prompt: the shell ends and stops the framework
                terminal.press("C-d");
                await().atMost(30, TimeUnit.SECONDS).until(terminal::exited);
                assertThat(terminal.output()).contains("gosh: stopping framework")
                        .doesNotContain(" ERROR ").doesNotContain("Exception");
            } catch (Throwable failure) {
                throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
            }
        }
    }
}
