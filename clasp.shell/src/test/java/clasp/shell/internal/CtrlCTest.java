package clasp.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ctrl-C on a real JLine terminal in a real Gogo session, as gogo.jline wires them. */
class CtrlCTest {
    /** A command that runs until Ctrl-C, as clasp:watch does. */
    public static final class UntilCtrlC {
        final CountDownLatch installed = new CountDownLatch(1);

        public String run(CommandSession session) throws InterruptedException {
            try (CtrlC ctrlC = CtrlC.install(session)) {
                installed.countDown();
                while (!ctrlC.pressed()) Thread.sleep(10);
                return "stopped";
            }
        }
    }

    private final List<Terminal.Signal> gogoSaw = new CopyOnWriteArrayList<>();
    private ThreadIOImpl threadIO;
    private CommandSession session;
    private Terminal terminal;
    private UntilCtrlC command;

    @BeforeEach
    void start() throws Exception {
        threadIO = new ThreadIOImpl();
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        command = new UntilCtrlC();
        processor.addCommand("clasp.test", command, "run");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        terminal.handle(Terminal.Signal.INT, gogoSaw::add); // gogo.jline's handler: it would interrupt the job
        session.put(CtrlC.TERMINAL, terminal);
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        terminal.close();
        threadIO.stop();
    }

    @Test
    void ctrlCEndsTheCommandNormallyAndTheShellGetsItsHandlerBack() throws Exception {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread running = new Thread(() -> {
            try {
                result.set(session.execute("clasp.test:run"));
            } catch (Exception e) {
                result.set(e);
            }
        }, "ctrlc-test-command");
        running.start();
        assertThat(command.installed.await(10, TimeUnit.SECONDS)).isTrue();

        terminal.raise(Terminal.Signal.INT);
        running.join(10_000);
        assertThat(running.isAlive()).isFalse();
        assertThat(result.get()).isEqualTo("stopped");
        assertThat(gogoSaw).isEmpty();

        terminal.raise(Terminal.Signal.INT);
        assertThat(gogoSaw).containsExactly(Terminal.Signal.INT);
    }

    @Test
    void withoutATerminalItNeverFires() {
        session.put(CtrlC.TERMINAL, null);
        try (CtrlC ctrlC = CtrlC.install(session)) {
            assertThat(ctrlC.pressed()).isFalse();
        }
        try (CtrlC ctrlC = CtrlC.install(null)) {
            assertThat(ctrlC.pressed()).isFalse();
        }
    }
}
