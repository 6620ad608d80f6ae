package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router's OSC adapter in the exported runtime, enabled at the shell as an administrator does it
 * ({@code clasp.transport:create osc …}, the runtime in a terminal; one runtime for the class), against Debian's
 * liblo-tools ({@code oscsend}, and {@code oscdump -L} as a configured listen-only destination) and a CLASP WebSocket
 * client. OSC address {@code A} is CLASP address {@code /osc/A} (the default namespace).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OscAdapterIT {
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration SHELL = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private static RuntimeTerminal terminal;
    private static int webSocketPort;
    private static int oscPort;
    private static int dumpPort;

    /** A failed test shows what the runtime printed. */
    @RegisterExtension
    static final TestWatcher SCREEN_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (terminal != null) System.out.println("--- the runtime's terminal ---\n" + terminal.screen());
        }
    };

    @BeforeAll
    static void startTheRuntimeAndCreateTheAdapterAtTheShell() throws Exception {
        webSocketPort = RuntimeProcess.quietListener(workDir.resolve("etc"));
        oscPort = Net.freePort();
        dumpPort = Net.freePort();
        terminal = RuntimeTerminal.start(RuntimeJar.fromSystemProperty(), workDir);
        try {
            terminal.await(0, Pattern.compile(Pattern.quote(RuntimeProcess.STATUS) + ".*all active"), STARTUP);
            terminal.awaitPrompt(SHELL);
            terminal.run("clasp.transport:create osc it host=127.0.0.1 port=" + oscPort + " destinations=127.0.0.1:" + dumpPort
                    + "/** eventAddresses=/cue/**", Pattern.compile("created clasp\\.transport\\.osc~it"), SHELL);
        } catch (Throwable failure) {
            throw new AssertionError(failure.getMessage() + "\n--- the runtime's terminal ---\n" + terminal.screen(), failure);
        }
    }

    @AfterAll
    static void stopTheRuntime() throws Exception {
        if (terminal != null) terminal.close();   // fails if the runtime reported a ByteBuf leak
    }

    @Test
    @Order(1)
    void theAdapterIsListedWithItsEndpointAndItsFileIsInEtc() throws Exception {
        terminal.awaitListed("it +osc +ONLINE +osc\\.udp://127\\.0\\.0\\.1:" + oscPort + " ");
        assertThat(workDir.resolve("etc").resolve("clasp.transport.osc-it.cfg")).isRegularFile();
    }

    @Test
    @Order(2)
    void oscsendReachesAClaspWebSocketClientAsASetAndACueAsAnEvent() throws Exception {
        try (ClaspClient clasp = ClaspClient.connect(URI.create("ws://127.0.0.1:" + webSocketPort + "/"), "osc-it desk")) {
            clasp.subscribe(1, "/osc/**");
            oscsend("/synth/cutoff", "f", "0.5");
            oscsend("/color", "iii", "255", "0", "128");
            oscsend("/cue/go", "");
            Eventually.until("the CLASP client gets the SET of /osc/synth/cutoff", WAIT, () -> clasp.sets("/osc/synth/cutoff"), l -> !l.isEmpty());
            assertThat(clasp.sets("/osc/synth/cutoff")).extracting(SetMessage::value).containsExactly(Value.of(0.5));
            Eventually.until("the CLASP client gets the SET of /osc/color", WAIT, () -> clasp.sets("/osc/color"), l -> !l.isEmpty());
            assertThat(clasp.sets("/osc/color")).extracting(SetMessage::value)
                    .containsExactly(Value.of(List.of(Value.of(255), Value.of(0), Value.of(128))));
            Eventually.until("the CLASP client gets the event /osc/cue/go", WAIT, () -> clasp.publishes("/osc/cue/go"), l -> !l.isEmpty());
            assertThat(clasp.publishes("/osc/cue/go")).extracting(PublishMessage::value).containsExactly(Value.ofNull());
            assertThat(clasp.get("/osc/cue/go")).isEmpty();
            assertThat(clasp.get("/osc/synth/cutoff")).hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(Value.of(0.5)));
        }
    }

    @Test
    @Order(3)
    void aClaspSetReachesOscdumpWithTheMappedTypeTags() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Process dump = new ProcessBuilder("oscdump", "-L", Integer.toString(dumpPort)).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line.substring(line.indexOf(' ') + 1));
            } catch (IOException ended) {
                // oscdump was stopped
            }
        }, "oscdump-reader");
        reader.start();
        try (ClaspClient clasp = ClaspClient.connect(URI.create("ws://127.0.0.1:" + webSocketPort + "/"), "osc-it writer")) {
            // oscdump prints once it is bound: a probe until then.
            Eventually.until("oscdump prints the probe", WAIT, () -> {
                clasp.send(new SetMessage("/osc/probe", Value.of(0)));
                return lines;
            }, l -> !l.isEmpty());
            clasp.send(new SetMessage("/osc/fader/1", Value.of(7)));
            clasp.send(new SetMessage("/osc/level", Value.of(0.25)));
            clasp.send(new SetMessage("/osc/scene", Value.of("act 2")));
            clasp.send(new SetMessage("/osc/on", Value.of(true)));
            Eventually.until("oscdump prints /on", WAIT, () -> lines, l -> l.stream().anyMatch(s -> s.startsWith("/on ")));
            assertThat(lines.stream().filter(l -> !l.startsWith("/probe ")).toList()).containsExactly(
                    "/fader/1 i 7", "/level f 0.250000", "/scene s \"act 2\"", "/on T #T");
        } finally {
            dump.destroy();
            dump.waitFor(10, TimeUnit.SECONDS);
            reader.join(10_000);
        }
    }

    @Test
    @Order(4)
    void deleteStopsTheListenerRemovesItsFileAndLeavesNoThread() throws Exception {
        Path file = workDir.resolve("etc").resolve("clasp.transport.osc-it.cfg");
        assertThat(terminal.threads()).anyMatch(t -> t.startsWith("clasp-adapter-osc-it-"));
        terminal.run("clasp.transport:delete osc it", Pattern.compile("deleted clasp\\.transport\\.osc~it"), SHELL);
        Eventually.until("port " + oscPort + " is free again", WAIT, () -> {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), oscPort))) {
                return true;
            } catch (SocketException inUse) {
                return false;
            }
        });
        assertThat(file).doesNotExist();
        Eventually.until("no thread of the adapter left", WAIT, terminal::threads,
                threads -> threads.stream().noneMatch(t -> t.startsWith("clasp-adapter-osc-")));
    }

    /** Runs {@code oscsend} to the adapter, which must succeed. */
    private static void oscsend(String path, String types, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(oscPort), path));
        if (!types.isEmpty()) command.add(types);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("oscsend %s; its output:%n%s", command, output).isZero();
    }
}
