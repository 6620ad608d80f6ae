package clasp.bridge.osc.internal;

import static clasp.bridge.osc.internal.Harness.WAIT;
import static clasp.bridge.osc.internal.Harness.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.osc.OscArgument;
import clasp.osc.OscEncoder;
import clasp.osc.OscMessage;
import clasp.osc.SlipEncoder;
import clasp.test.peers.router.Observer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** OSC 1.1 over TCP (transport tcp): liblo's size-prefixed streams and SLIP in, SLIP out to oscdump. */
class OscTcpBridgeTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void whatOscsendSendsOverTcpArrivesAsASet() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("tcpin", Map.of("transport", "tcp")));
        Liblo.oscsendTcp(port, "/t", "i", "5");
        Liblo.oscsendTcp(port, "/u", "sf", "five", "5.5");
        await().atMost(WAIT).until(() -> clasp.size() == 2);
        assertThat(clasp.lines()).containsExactly("SET /osc/t INT:5", "SET /osc/u ARRAY:[\"five\", 5.5]");
    }

    @Test
    void slipFramesInAnyPiecesArriveAndABadFrameIsCountedAndSkipped() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("slip", Map.of("transport", "tcp")));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(slip(new OscMessage("/a", new OscArgument.Blob(new byte[] {(byte) 0xC0, (byte) 0xDB}))));
        stream.write(new byte[] {(byte) 0xC0, 0x2F, (byte) 0xDB, 0x01, (byte) 0xC0});   // a bad escape
        stream.write(slip(new OscMessage("/b", new OscArgument.Int32(2))));
        byte[] bytes = stream.toByteArray();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < bytes.length; i += 3) {
                out.write(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 3)));
                out.flush();
            }
            await().atMost(WAIT).until(() -> clasp.size() == 2);
        }
        assertThat(clasp.lines()).containsExactly("SET /osc/a BYTES:bytes:c0db", "SET /osc/b INT:2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("slip").detail())
                .contains("malformed 1 (last: SLIP frame from 127.0.0.1:").contains(" dropped: bad escape)"));
    }

    @Test
    void aBadSizePrefixClosesThatConnectionOnly() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("size", Map.of("transport", "tcp", "maxPacketBytes", "1024")));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(new byte[] {0, 0, 0x10, 0, 1, 2, 3, 4});   // 4096 bytes announced
            socket.setSoTimeout((int) WAIT.toMillis());
            assertThat(socket.getInputStream().read()).isEqualTo(-1);   // closed by the bridge
        }
        Liblo.oscsendTcp(port, "/ok", "i", "1");
        await().atMost(WAIT).until(() -> clasp.size() == 1);
        assertThat(clasp.lines()).containsExactly("SET /osc/ok INT:1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("size").detail())
                .contains("malformed 1 (last: size prefix 4096 from 127.0.0.1:").contains(" is not 1-1024 bytes; connection closed)"));
    }

    @Test
    void aClaspSetReachesOscdumpOverTcpAsSlip() throws Exception {
        try (Liblo.Oscdump oscdump = new Liblo.Oscdump(true)) {
            harness.bridge("tcpout", Map.of("transport", "tcp", "peers", "127.0.0.1:" + oscdump.port));
            LocalSession writer = harness.session();
            AtomicInteger n = new AtomicInteger();
            await().atMost(WAIT).until(() -> {   // the bridge connects (and reconnects) until oscdump listens
                writer.set("/osc/ready", Value.of(n.incrementAndGet()));
                return oscdump.next("/ready", 1) != null;
            });
            writer.set("/osc/fader/1", Value.of(7));
            assertThat(oscdump.next("/fader/1", 60)).endsWith(" /fader/1 i 7");
            writer.set("/osc/name", Value.of("a\u00c0b"));   // C0 inside the packet: escaped by SLIP
            assertThat(oscdump.next("/name", 60)).endsWith(" /name s \"a\u00c0b\"");
        }
    }

    @Test
    void removingATcpBridgeLeavesNoThreadAndNoSocket() throws Exception {
        int port;
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = port(harness.bridge("tcpgone", Map.of("transport", "tcp", "peers", "127.0.0.1:" + peer.getLocalPort())));
            try (Socket in = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = peer.accept()) {
                in.getOutputStream().write(slip(new OscMessage("/x", new OscArgument.Int32(1))));
                harness.session().set("/osc/y", Value.of(1));
                harness.remove("tcpgone");
                accepted.setSoTimeout((int) WAIT.toMillis());
                while (accepted.getInputStream().read() != -1) { }   // the bridge closed its connection to the peer
                in.setSoTimeout((int) WAIT.toMillis());
                assertThat(in.getInputStream().read()).isEqualTo(-1);   // and the one it accepted
            }
        }
        await().atMost(WAIT).until(() -> OscBridgeTest.threadsOf("tcpgone").isEmpty());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));   // the listener is closed
        }
    }

    private static byte[] slip(OscMessage message) {
        ByteBuf packet = OscEncoder.encode(message, UnpooledByteBufAllocator.DEFAULT);
        ByteBuf framed = Unpooled.buffer();
        try {
            SlipEncoder.encode(packet, framed);
            return ByteBufUtil.getBytes(framed);
        } finally {
            packet.release();
            framed.release();
        }
    }
}
