package clasp.itest;

import static org.junit.Assert.assertEquals;

import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.test.peers.Olad;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * The sACN bridge in the runtime: created from the shell, a CLASP WebSocket client's SET reaches OLA's olad (an
 * E1.31 input, read back over its HTTP API) and an E1.31 source's packets reach that client; an instance whose
 * configuration is changed from the shell goes on numbering its packets, and one whose configuration is deleted ends
 * its stream with three terminated packets (the component's deactivation reason, as Felix SCR gives it); the bundle
 * is updated under traffic and its new instance goes on sending without a dark frame; then the bundle is uninstalled
 * while E1.31 keeps arriving: its thread and its socket are gone, and the router goes on serving.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SacnBridgeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Where E1.31 puts the sequence number, the option bits (0x40: terminated), the priority and slot 1. */
    private static final int SEQUENCE = 111;
    private static final int OPTIONS = 112;
    private static final int PRIORITY = 108;
    private static final int SLOT_1 = 126;

    @Inject private CommandProcessor processor;
    @Inject private Router router;
    @Inject private BundleContext context;

    @Configuration
    public Option[] configuration() throws IOException {
        return CoreOptions.options(CoreOptions.composite(Provisioning.freshQuietRuntime(Provisioning.workDir().resolve("sacn-etc"))),
                Provisioning.testPeers());
    }

    @Test
    public void aWebSocketClientsSetReachesOlaStreamsEndAsConfiguredAndTheBundleGoesUnderTrafficWithoutLeftovers()
            throws Exception {
        int webSocketPort = URI.create(Listeners.awaitDefault(router).endpoint()).getPort();
        BridgeBundle sacn = new BridgeBundle(router, context, "sacn");
        sacn.awaitType(processor);
        int port = freeUdpPort();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread traffic = new Thread(() -> source(port, sending), "sacn-it-traffic");
        try (Olad olad = Olad.builder().e131(true).e131Ports(1, 0).port("11-1-I-0 = 21").start();
             ClaspWebSocketClient desk = ClaspWebSocketClient.connect(webSocketPort, "sacn-it desk");
             DatagramSocket receiver = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket watch = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            olad.awaitUniverse(21);
            String created = ShellLines.run(processor, "clasp.bridge:create sacn it-sacn outputUniverses=21 multicast=false "
                    + "unicastDestinations=127.0.0.1:5568,127.0.0.1:" + watch.getLocalPort() + " inputUniverses=22 port="
                    + port + " multicastInterface=lo");
            ShellLines.assertLine("state  (CONNECTING|ONLINE): .*", created);
            sacn.awaitState("it-sacn", PluginState.ONLINE);

            desk.send(new SubscribeMessage(1, "/sacn/**"));
            desk.send(new SetMessage("/sacn/21/1", Value.of(0.5)));
            Eventually.until("olad showing the desk's SET", WAIT, () -> olad.dmx(21)[0], v -> v == 128);

            traffic.start();   // an E1.31 source on universe 22, unicast to the bridge's port
            desk.await(0, m -> m instanceof SetMessage s && s.address().equals("/sacn/22/_active")
                    && s.value().equals(Value.of(true)), WAIT);

            // a change from the shell: the stream goes on; a deletion from the shell: the stream ends
            receiver.setSoTimeout(1_000);
            ShellLines.run(processor, "clasp.bridge:create sacn it-end outputUniverses=23 multicast=false "
                    + "unicastDestinations=127.0.0.1:" + receiver.getLocalPort());
            desk.send(new SetMessage("/sacn/23/1", Value.of(7L)));
            List<byte[]> packets = new ArrayList<>(readUntil(receiver, p -> (p[SLOT_1] & 0xFF) == 7));
            ShellLines.run(processor, "clasp.bridge:update sacn it-end priority=50");
            packets.addAll(readUntil(receiver, p -> (p[PRIORITY] & 0xFF) == 50));
            ShellLines.run(processor, "clasp.bridge:delete sacn it-end");
            packets.addAll(readUntil(receiver, new Predicate<>() {
                int terminated;

                @Override public boolean test(byte[] p) {
                    return (p[OPTIONS] & 0x40) != 0 && ++terminated == 3;
                }
            }));
            int terminatedAt = packets.size() - 3;
            for (int i = 0; i < packets.size(); i++) {
                boolean terminated = (packets.get(i)[OPTIONS] & 0x40) != 0;
                assertEquals("packet " + i + " of " + packets.size() + " terminated", i >= terminatedAt, terminated);
                if (i >= 2) {   // the first packet of a fresh stream goes twice, 20 apart
                    assertEquals("sequence of packet " + i, ((packets.get(i - 1)[SEQUENCE] & 0xFF) + 1) & 0xFF,
                            packets.get(i)[SEQUENCE] & 0xFF);
                }
            }

            // the bundle is updated while E1.31 arrives: the new code's instance sends universe 21 on, with the
            // desk's value from its first packet (a fresh stream: its first packet twice, 20 apart), ending nothing
            watch.setSoTimeout(1_000);
            readUntil(watch, p -> (p[SLOT_1] & 0xFF) == 128);
            sacn.bundle().update();
            List<byte[]> swap = readUntil(watch, new Predicate<>() {
                int previous = -1;

                @Override public boolean test(byte[] p) {
                    int sequence = p[SEQUENCE] & 0xFF;
                    boolean fresh = previous >= 0 && sequence == ((previous + 20) & 0xFF);
                    previous = sequence;
                    return fresh;
                }
            });
            for (byte[] p : swap) {
                assertEquals("slot 1 of every packet around the update", 128, p[SLOT_1] & 0xFF);
                assertEquals("no terminated bit around the update", 0, p[OPTIONS] & 0x40);
            }
            sacn.awaitState("it-sacn", PluginState.ONLINE);   // the updated bundle's instance
            assertEquals(128, olad.dmx(21)[0]);

            // the bundle goes while E1.31 arrives and the desk writes
            for (int i = 0; i < 20; i++) desk.send(new SetMessage("/sacn/21/1", Value.of((long) i)));
            sacn.uninstall();
            sacn.awaitGone("it-sacn");
            sacn.awaitNoThread();
            sending.set(false);
            traffic.join(10_000);
            try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(port))) {   // no SO_REUSEADDR
                assertEquals(port, again.getLocalPort());   // the bridge's socket is closed
            }
            desk.send(new SetMessage("/sacn/after", Value.of(1L)));
            Eventually.await(WAIT, "the router still taking SETs", () -> router.param("/sacn/after").isPresent());
        } finally {
            sending.set(false);
            if (traffic.isAlive()) traffic.join(10_000);
        }
    }

    /** The E1.31 data packets {@code socket} receives up to and including the first that matches. */
    private static List<byte[]> readUntil(DatagramSocket socket, Predicate<byte[]> last) throws IOException {
        List<byte[]> packets = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            DatagramPacket datagram = new DatagramPacket(new byte[1024], 1024);
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            }
            byte[] p = Arrays.copyOf(datagram.getData(), datagram.getLength());
            if (p.length < 127 || p[21] != 4) continue;   // only data packets
            packets.add(p);
            if (last.test(p)) return packets;
        }
        throw new AssertionError("no matching E1.31 packet within " + WAIT + "; got " + packets.size());
    }

    /** E1.31 data packets of universe 22, slot 1 counting up, to 127.0.0.1:{@code port} every 2 ms. */
    private static void source(int port, AtomicBoolean sending) {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            for (AtomicLong n = new AtomicLong(); sending.get(); n.incrementAndGet()) {
                byte[] p = dataPacket(22, (int) n.get(), new byte[] {(byte) n.get(), 1, 2});
                socket.send(new DatagramPacket(p, p.length, to));
                Thread.sleep(2);
            }
        } catch (IOException | InterruptedException e) {
            sending.set(false);
        }
    }

    /** An E1.31 data packet as the standard lays it out: root layer, framing layer, DMP layer, start code 0, slots. */
    private static byte[] dataPacket(int universe, int sequence, byte[] slots) {
        int length = 126 + slots.length;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length);
        b.putShort((short) 0x0010).putShort((short) 0).put("ASC-E1.17\0\0\0".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) (0x7000 | (length - 16))).putInt(4).putLong(0x5ac0_0000_0000_0001L).putLong(0x22L);
        b.putShort((short) (0x7000 | (length - 38))).putInt(2).put(Arrays.copyOf("it source".getBytes(StandardCharsets.US_ASCII), 64));
        b.put((byte) 100).putShort((short) 0).put((byte) sequence).put((byte) 0).putShort((short) universe);
        b.putShort((short) (0x7000 | (length - 115))).put((byte) 2).put((byte) 0xa1).putShort((short) 0).putShort((short) 1)
                .putShort((short) (slots.length + 1)).put((byte) 0).put(slots);
        return b.array();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
