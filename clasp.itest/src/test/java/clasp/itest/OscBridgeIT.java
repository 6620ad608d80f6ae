package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The OSC bridge in the runtime against liblo-tools: created from the shell, oscsend's message reaches a CLASP
 * WebSocket client as a SET, a SET from that client is printed by oscdump, then the bridge's bundle is uninstalled
 * while OSC keeps arriving: its thread and its socket are gone, and the router goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OscBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("osc-etc"));
    }

    @Test
    public void oscsendToAWebSocketClientBackToOscdumpAndUninstalledUnderTrafficWithoutLeftovers() throws Exception {
        int webSocketPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        BridgeBundle osc = new BridgeBundle(router, context, "osc");
        osc.awaitType(processor);
        int oscPort = freeUdpPort();
        int dumpPort = freeUdpPort();
        Process oscdump = new ProcessBuilder("oscdump", "-L", Integer.toString(dumpPort)).redirectErrorStream(true).start();
        BlockingQueue<String> dumped = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(oscdump, dumped), "oscdump-reader");
        reader.start();
        try (ClaspWebSocketClient desk = ClaspWebSocketClient.connect(webSocketPort, "osc-it desk")) {
            String created = ShellLines.run(processor, "clasp.bridge:create osc it-osc bindAddress=127.0.0.1 port=" + oscPort
                    + " peers=127.0.0.1:" + dumpPort + " namespace=/ito");
            ShellLines.assertLine("state  (CONNECTING|ONLINE): .*", created);
            osc.awaitState("it-osc", PluginState.ONLINE);
            assertTrue(osc.instance("it-osc").orElseThrow().detail(), osc.instance("it-osc").orElseThrow().detail()
                    .startsWith("listening on udp 127.0.0.1:" + oscPort + ", sending to 127.0.0.1:" + dumpPort));

            desk.send(new SubscribeMessage(1, "/ito/**"));
            int from = desk.count();
            oscsend(oscPort, "/desk/level", "f", "0.5");
            desk.await(from, m -> m instanceof SetMessage s && s.address().equals("/ito/desk/level")
                    && s.value().equals(Value.of(0.5)), WAIT);

            // UDP: oscdump may not be bound yet, so the desk writes /ready until it prints one
            AtomicLong ready = new AtomicLong();
            Eventually.await(WAIT, "oscdump printing the desk's SET", () -> {
                desk.send(new SetMessage("/ito/ready", Value.of(ready.incrementAndGet())));
                return next(dumped, "/ready", 1) != null;
            });
            desk.send(new SetMessage("/ito/fader/1", Value.of(7L)));
            String line = next(dumped, "/fader/1", 30);
            assertTrue(String.valueOf(line), line != null && line.endsWith(" /fader/1 i 7"));

            // Under traffic: OSC keeps arriving while the bundle goes.
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            Thread traffic = new Thread(() -> send(oscPort, sending, sent), "osc-it-traffic");
            traffic.start();
            Eventually.await(WAIT, "traffic through the bridge", () -> router.param("/ito/t").isPresent());
            osc.uninstall();
            osc.awaitGone("it-osc");
            osc.awaitNoThread();
            sending.set(false);
            traffic.join(10_000);
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), oscPort))) {
                assertEquals(oscPort, again.getLocalPort());   // the bridge's socket is closed
            }
            desk.send(new SetMessage("/ito/after", Value.of(1L)));
            Eventually.await(WAIT, "the router still taking SETs", () -> router.param("/ito/after").isPresent());
        } finally {
            oscdump.destroy();
            oscdump.waitFor(30, TimeUnit.SECONDS);
            reader.join(30_000);
        }
    }

    /** "/t ,i n" datagrams every 2 ms, n counting up. */
    private static void send(int port, AtomicBoolean sending, AtomicLong sent) {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            while (sending.get()) {
                long n = sent.incrementAndGet();
                byte[] bytes = new byte[12];
                System.arraycopy("/t\0\0,i\0\0".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 8);
                bytes[8] = (byte) (n >>> 24);
                bytes[9] = (byte) (n >>> 16);
                bytes[10] = (byte) (n >>> 8);
                bytes[11] = (byte) n;
                socket.send(new DatagramPacket(bytes, bytes.length, to));
                Thread.sleep(2);
            }
        } catch (IOException | InterruptedException e) {
            sending.set(false);
        }
    }

    private static void oscsend(int port, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("oscsend", "127.0.0.1", Integer.toString(port)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue("oscsend ended", p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(out, 0, p.exitValue());
    }

    private static String next(BlockingQueue<String> lines, String address, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line != null && line.contains(" " + address + " ")) return line;
        }
        return null;
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            lines.add("read failed: " + e);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
