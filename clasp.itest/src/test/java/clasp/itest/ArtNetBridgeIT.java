package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.test.peers.Olad;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The Art-Net bridge in the runtime against a real OLA: created from the shell on 127.0.0.2:6454 (beside olad's
 * 0.0.0.0:6454) with olad as its node, a CLASP WebSocket client's SETs arrive in OLA's universe 1; then the bridge's
 * bundle is uninstalled while SETs and ArtDmx keep arriving: its thread and its socket are gone, and the router goes
 * on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArtNetBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 127.0.0.2:6454 as /proc/net/udp writes it. */
    private static final String BRIDGE_SOCKET = "0200007F:1936";

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return OptionUtils.combine(Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("artnet-etc")),
                Provisioning.testPeers());
    }

    @Test
    public void webSocketSetsReachOlaAndTheBundleUninstalledUnderTrafficLeavesNothingBehind() throws Exception {
        int webSocketPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        BridgeBundle artnet = new BridgeBundle(router, context, "artnet");
        artnet.awaitType(processor);
        try (Olad olad = Olad.builder().artnet(true).port("2-1-I-0 = 1").start();
             ClaspWebSocketClient desk = ClaspWebSocketClient.connect(webSocketPort, "artnet-it desk");
             ClaspWebSocketClient fader = ClaspWebSocketClient.connect(webSocketPort, "artnet-it fader")) {
            olad.awaitUniverse(1);
            String created = ShellLines.run(processor, "clasp.bridge:create artnet it-artnet bindAddress=127.0.0.2 "
                    + "port=6454 nodes=127.0.0.1:6454 discoverNodes=false");
            ShellLines.assertLine("state  (CONNECTING|ONLINE): .*", created);
            artnet.awaitState("it-artnet", PluginState.ONLINE);
            String detail = artnet.instance("it-artnet").orElseThrow().detail();
            assertTrue(detail, detail.startsWith("listening on udp 127.0.0.2:6454; nodes 1 configured, 0 discovered"));

            desk.send(new SetMessage("/artnet/1/1", Value.of(0.5)));
            desk.send(new SetMessage("/artnet/1/2", Value.of(200L)));
            Eventually.await(WAIT, "OLA's universe 1 holding the desk's values",
                    () -> Arrays.equals(Arrays.copyOf(olad.dmx(1), 2), new int[] {128, 200}));

            // Under traffic: a fader moves slot 3 and a console sends ArtDmx to the bridge while the bundle goes.
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong n = new AtomicLong();
            Thread traffic = new Thread(() -> traffic(fader, running, n), "artnet-it-traffic");
            traffic.start();
            try {
                Eventually.await(WAIT, "the fader's values in OLA and the console's in the router",
                        () -> olad.dmx(1)[2] > 0 && router.param("/artnet/2/1").isPresent());
                assertEquals(1, socketsOnBridgeAddress());
                artnet.uninstall();
                artnet.awaitGone("it-artnet");
                artnet.awaitNoThread();
                assertEquals("sockets on 127.0.0.2:6454", 0, socketsOnBridgeAddress());
            } finally {
                running.set(false);
                traffic.join(10_000);
            }
            desk.send(new SetMessage("/artnet/after", Value.of(1L)));
            Eventually.await(WAIT, "the router still taking SETs", () -> router.param("/artnet/after").isPresent());
        }
    }

    /** SETs of /artnet/1/3 and ArtDmx of universe 2 to the bridge, every 5 ms, until {@code running} turns false. */
    private static void traffic(ClaspWebSocketClient fader, AtomicBoolean running, AtomicLong n) {
        try (DatagramSocket console = new DatagramSocket(new InetSocketAddress("127.0.0.3", 0))) {
            InetSocketAddress bridge = new InetSocketAddress("127.0.0.2", 6454);
            while (running.get()) {
                long i = n.incrementAndGet();
                fader.send(new SetMessage("/artnet/1/3", Value.of(i % 255 + 1)));
                byte[] dmx = {'A', 'r', 't', '-', 'N', 'e', 't', 0, 0x00, 0x50, 0, 14, 0, 0, 2, 0, 0, 2, (byte) (i % 255 + 1), 0};
                console.send(new DatagramPacket(dmx, dmx.length, bridge));
                Thread.sleep(5);
            }
        } catch (Exception e) {
            running.set(false);
        }
    }

    /** UDP sockets bound to exactly 127.0.0.2:6454 on this host (olad's 0.0.0.0:6454 is not one). */
    private static long socketsOnBridgeAddress() throws IOException {
        return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1)
                .filter(line -> line.trim().split("\\s+")[1].equals(BRIDGE_SOCKET)).count();
    }
}
