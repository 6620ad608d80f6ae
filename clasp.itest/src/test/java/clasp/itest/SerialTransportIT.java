package clasp.itest;

import static clasp.itest.ShellLines.assertLine;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.Feature;
import clasp.api.FloatValue;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.Router;
import clasp.api.router.SessionInfo;
import clasp.protocol.ClaspCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The serial transport in the shipped runtime: an instance created from the shell on a socat pty, a device on the
 * pty's far end (socat's stdin and stdout) speaking CLASP in SLIP frames, and a WebSocket client that sees its SET.
 * Proves that jSerialComm's bundle and native library work inside the framework.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SerialTransportIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ClaspCodec CODEC = ClaspCodec.defaults();

    @Inject
    private CommandProcessor processor;

    @Inject
    private Router router;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("serial-etc"));
    }

    private String run(String line) throws Exception {
        return ShellLines.run(processor, line);
    }

    @Test
    public void aSetSentAsSlipOverAPtyReachesAWebSocketClient() throws Exception {
        Eventually.await(WAIT, "the shell and the default listener", () -> run("clasp.transport:list").contains("default"));
        Path dir = Files.createDirectories(Provisioning.workDir().resolve("serial-pty"));
        Path tty = dir.resolve("ttyS");
        Files.deleteIfExists(tty);
        Process socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + tty, "STDIO")
                .redirectError(dir.resolve("socat.log").toFile()).start();
        DeviceOutput fromRouter = new DeviceOutput(socat.getInputStream());
        try {
            Eventually.await(WAIT, "the pty link " + tty, () -> Files.exists(tty));
            String types = run("clasp.transport:types");
            assertTrue(types, types.contains("clasp.transport.serial  CLASP serial transport  (clasp.transport.serial)\n"));
            assertLine("  baudRate +int +115200", types);
            assertLine("  reopenIntervalMillis +int +1000", types);
            String created = run("clasp.transport:create serial s1 port=" + tty + " baudRate=57600");
            assertTrue(created, created.startsWith("created clasp.transport.serial~s1"));
            assertLine("state  ONLINE: listening on serial:" + tty + " 57600 8N1", created);

            String endpoint = Listeners.awaitDefault(router).endpoint();   // listed is not yet listening: wait for ONLINE
            try (ClaspClient watcher = ClaspClient.connect(URI.create(endpoint.replace("0.0.0.0", "127.0.0.1")), "watcher")) {
                watcher.subscribe(1, "/serial/fader");
                OutputStream device = socat.getOutputStream();
                device.write(slip(CODEC.encode(Frame.of(new HelloMessage(1, EnumSet.of(Feature.PARAM), "sensor", null)))));
                device.flush();
                Eventually.await(WAIT, "WELCOME on the pty", () -> fromRouter.messages().stream().anyMatch(m -> m instanceof WelcomeMessage));

                device.write(slip(CODEC.encode(Frame.of(new SetMessage("/serial/fader", new FloatValue(0.75))))));
                device.flush();
                Eventually.await(WAIT, "the SET at the WebSocket client", () -> watcher.sets("/serial/fader").size() == 1);
                assertEquals(new FloatValue(0.75), watcher.sets("/serial/fader").get(0).value());

                SessionInfo sensor = sensor().orElseThrow();
                assertEquals(tty + " via serial:s1", sensor.origin());
                assertLine("s1 +serial +ONLINE +serial:" + java.util.regex.Pattern.quote(tty.toString()) + " 57600 8N1 +1 +1 .*",
                        run("clasp.transport:list"));

                // A change applies live: the session closes and the port reopens, the instance (and its counts) stays.
                assertTrue(run("clasp.transport:update serial s1 maxFrameBytes=4096").startsWith("updated clasp.transport.serial~s1"));
                Eventually.await(WAIT, "the session closed by the reopen", () -> sensor().isEmpty());
                device.write(slip(CODEC.encode(Frame.of(new HelloMessage(1, EnumSet.of(Feature.PARAM), "sensor", null)))));
                device.write(slip(CODEC.encode(Frame.of(new SetMessage("/serial/fader", new FloatValue(0.5))))));
                device.flush();
                Eventually.await(WAIT, "the second SET at the WebSocket client", () -> watcher.sets("/serial/fader").size() == 2);
                assertEquals(new FloatValue(0.5), watcher.sets("/serial/fader").get(1).value());
                assertLine("s1 +serial +ONLINE +serial:.* +1 +2 .*", run("clasp.transport:list"));
            }

            assertEquals("deleted clasp.transport.serial~s1 (" + Provisioning.workDir().resolve("serial-etc")
                    .resolve("clasp.transport.serial-s1.cfg") + ")", run("clasp.transport:delete serial s1"));
            Eventually.await(WAIT, "the serial session closed", () -> sensor().isEmpty());
            Eventually.await(WAIT, "no serial thread left", () -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.isAlive() && t.getName().startsWith("clasp-transport-serial-s1-")));
        } finally {
            run("clasp.transport:delete serial s1");
            socat.destroy();
            socat.waitFor();
            fromRouter.join();
        }
    }

    private Optional<SessionInfo> sensor() {
        return router.sessions().stream().filter(s -> "sensor".equals(s.name())).findFirst();
    }

    /** RFC 1055: END, the frame with END and ESC escaped, END. */
    private static byte[] slip(byte[] frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xC0);
        for (byte b : frame) {
            if (b == (byte) 0xC0) {
                out.write(0xDB);
                out.write(0xDC);
            } else if (b == (byte) 0xDB) {
                out.write(0xDB);
                out.write(0xDD);
            } else {
                out.write(b);
            }
        }
        out.write(0xC0);
        return out.toByteArray();
    }

    /** What the router wrote to the device: read from socat's stdout on a thread of its own. */
    private static final class DeviceOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        DeviceOutput(InputStream in) {
            reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        synchronized (bytes) {
                            bytes.write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // socat ended
                }
            }, "test-serial-device");
            reader.setDaemon(true);
            reader.start();
        }

        /** The SLIP frames so far, decoded as CLASP messages. */
        List<Message> messages() throws Exception {
            byte[] all;
            synchronized (bytes) {
                all = bytes.toByteArray();
            }
            List<Message> messages = new ArrayList<>();
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            boolean escaped = false;
            for (byte b : all) {
                if (b == (byte) 0xC0) {
                    if (frame.size() > 0) messages.add(CODEC.decode(frame.toByteArray()).message());
                    frame.reset();
                } else if (escaped) {
                    frame.write(b == (byte) 0xDC ? 0xC0 : 0xDB);
                    escaped = false;
                } else if (b == (byte) 0xDB) {
                    escaped = true;
                } else {
                    frame.write(b);
                }
            }
            return messages;
        }

        void join() throws InterruptedException {
            reader.join(10_000);
        }
    }
}
