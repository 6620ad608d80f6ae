package clasp.itest;

import static clasp.itest.ShellLines.assertLine;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import clasp.bridge.dmx.SerialPorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * The DMX bridge in the shipped runtime, on a socat pty whose far end (socat's stdin and stdout) is an ENTTEC DMX USB
 * Pro: created from the shell, a WebSocket client's SETs reach the widget as a byte-exact label 6 frame; socat killed
 * (the device unplugged) shows the instance CONNECTING in {@code clasp.bridge:list}, and a new socat on the same path
 * gets the current look at once; a serial-port service registered with a higher ranking takes the instance over (it
 * is re-created, and its first frame is the stored look); the bundle uninstalled while SETs keep coming leaves no
 * thread and no open port.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DmxBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("dmx-etc"));
    }

    private String run(String line) throws Exception {
        return ShellLines.run(processor, line);
    }

    @Test
    public void aWebSocketSetReachesTheWidgetTheDeviceComesBackWithTheLookAndTheBundleGoesWithoutLeftovers() throws Exception {
        int webSocketPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        BridgeBundle dmx = new BridgeBundle(router, context, "dmx");
        Eventually.await(WAIT, "the dmx bridge type described",
                () -> run("clasp.bridge:types").contains("clasp.bridge.dmx  CLASP DMX bridge  (clasp.bridge.dmx)"));
        String types = run("clasp.bridge:types");
        assertLine("  refreshHz +int +40", types);
        assertLine("  interfaceType +String +enttec-pro", types);

        Path dir = Files.createDirectories(Provisioning.workDir().resolve("dmx-pty"));
        Path tty = dir.resolve("ttyDmx");
        Files.deleteIfExists(tty);
        Widget widget = new Widget(dir, tty);
        List<Widget> widgets = new ArrayList<>(List.of(widget));
        AtomicBoolean sending = new AtomicBoolean(true);
        try (ClaspWebSocketClient desk = ClaspWebSocketClient.connect(webSocketPort, "dmx-it desk")) {
            String created = run("clasp.bridge:create dmx it-dmx port=" + tty + " slots=4 reopenIntervalMillis=100 namespace=/itdmx");
            assertTrue(created, created.startsWith("created clasp.bridge.dmx~it-dmx"));
            dmx.awaitState("it-dmx", PluginState.ONLINE);
            assertLine("it-dmx +dmx +clasp\\.bridge\\.dmx +ONLINE +.*enttec-pro on .*", run("clasp.bridge:list"));

            desk.send(new SetMessage("/itdmx/0/1", Value.of(0.5)));
            desk.send(new SetMessage("/itdmx/2", Value.of(255L)));
            desk.send(new SetMessage("/itdmx/0/4", Value.of(7L)));
            String look = "7E 06 19 00 00 80 FF 00 07" + " 00".repeat(20) + " E7";
            Eventually.await(WAIT, "the look at the widget", () -> widget.frames().contains(look));

            // unplugged: socat and its pty vanish
            Path device = widget.device();
            widget.close();
            dmx.awaitState("it-dmx", PluginState.CONNECTING);
            assertLine("it-dmx +dmx +clasp\\.bridge\\.dmx +CONNECTING +.*", run("clasp.bridge:list"));
            assertFalse("the vanished device is still open", openFiles().contains(device));

            // plugged in again at the same path: the first frame is the current look
            Widget back = new Widget(dir, tty);
            widgets.add(back);
            dmx.awaitState("it-dmx", PluginState.ONLINE);
            Eventually.await(WAIT, "a frame after the return", () -> !back.frames().isEmpty());
            assertEquals(look, back.frames().get(0));

            // a serial-port service of a higher ranking: the instance is re-created on it and starts from the stored look
            RecordingPorts fake = new RecordingPorts();
            ServiceRegistration<SerialPorts> registration = context.registerService(SerialPorts.class, fake,
                    new Hashtable<>(Map.of(Constants.SERVICE_RANKING, 100)));
            try {
                Eventually.await(WAIT, "a frame through the registered service", () -> !fake.frames().isEmpty());
                assertEquals(List.of(tty.toString()), fake.paths);
                assertEquals(look, fake.frames().get(0));
            } finally {
                registration.unregister();
            }
            int seen = back.frames().size();
            Eventually.await(WAIT, "frames on the pty again", () -> back.frames().size() > seen);

            // uninstalled while SETs keep coming
            device = back.device();
            Thread traffic = new Thread(() -> {
                long n = 0;
                try {
                    while (sending.get()) {
                        desk.send(new SetMessage("/itdmx/0/3", Value.of(n++ % 256)));
                        Thread.sleep(5);
                    }
                } catch (Exception e) {
                    sending.set(false);
                }
            }, "dmx-it-traffic");
            traffic.start();
            Eventually.await(WAIT, "traffic reaching the widget", () -> back.frames().stream().anyMatch(f -> !f.equals(look)));
            dmx.uninstall();
            dmx.awaitGone("it-dmx");
            dmx.awaitNoThread();
            Path open = device;
            Eventually.await(WAIT, "the port closed", () -> !openFiles().contains(open));
            sending.set(false);
            traffic.join(10_000);
            desk.send(new SetMessage("/itdmx/after", Value.of(1L)));
            Eventually.await(WAIT, "the router still taking SETs", () -> router.param("/itdmx/after").isPresent());
        } finally {
            sending.set(false);
            for (Widget w : widgets) w.close();
        }
    }

    /** What this JVM has open. */
    private static List<Path> openFiles() throws IOException {
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return open;
    }

    /** Serial ports that open nothing: each port records what is written to it. */
    private static final class RecordingPorts implements SerialPorts {
        final List<String> paths = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public SerialLink open(String path, PortSettings settings) {
            paths.add(path);
            return new SerialLink() {
                @Override public void write(byte[] bytes, int offset, int length) {
                    synchronized (written) {
                        written.write(bytes, offset, length);
                    }
                }

                @Override public int read(byte[] into, int offset, int length) throws IOException {
                    try {
                        Thread.sleep(settings.readTimeoutMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                }

                @Override public void setBreak(boolean on) { }

                @Override public void close() { }
            };
        }

        /** Every label 6 message written, as hex. */
        List<String> frames() {
            synchronized (written) {
                return Widget.labelSix(written.toByteArray());
            }
        }
    }

    /**
     * The widget's end of the pty: socat's stdout carries what the bridge writes, read on a thread of its own and
     * cut into the widget's messages ({@code 7E label lenLSB lenMSB data E7}).
     */
    private static final class Widget implements AutoCloseable {
        private final Path tty;
        private final Process socat;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;
        private boolean closed;

        Widget(Path dir, Path tty) throws IOException {
            this.tty = tty;
            socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + tty, "STDIO")
                    .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("socat.log").toFile())).start();
            InputStream in = socat.getInputStream();
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // socat ended
                }
            }, "dmx-it-widget");
            reader.setDaemon(true);
            reader.start();
            Eventually.await(WAIT, "the pty link " + tty, () -> Files.exists(tty));
        }

        /** The pty device the link points to, e.g. /dev/pts/4. */
        Path device() throws IOException {
            return tty.toRealPath();
        }

        /** Every label 6 message so far, as hex. */
        List<String> frames() {
            synchronized (bytes) {
                return labelSix(bytes.toByteArray());
            }
        }

        /** The label 6 messages in {@code all}, a stream of widget messages, as hex. */
        static List<String> labelSix(byte[] all) {
            List<String> frames = new ArrayList<>();
            int at = 0;
            while (all.length - at >= 5 && all[at] == 0x7E) {
                int length = (all[at + 2] & 0xFF) | (all[at + 3] & 0xFF) << 8;
                if (all.length - at < length + 5) break;
                if (all[at + 1] == 6) frames.add(HEX.formatHex(all, at, at + length + 5));
                at += length + 5;
            }
            return frames;
        }

        @Override
        public void close() throws Exception {
            if (closed) return;
            closed = true;
            socat.destroy();
            socat.waitFor();
            reader.join(10_000);
            Eventually.await(WAIT, "the pty link gone", () -> !Files.exists(tty));
        }
    }
}
