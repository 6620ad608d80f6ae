package clasp.transport.udp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.message.WelcomeMessage;
import clasp.protocol.transport.Connection;
import clasp.transport.netty.Refusals;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The listener's handler on Netty's in-memory channel, whose event loop runs queued tasks only when told: so a test
 * can hold a peer's outbound queue full while its next datagram arrives.
 */
class UdpLinkTest {
    private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 7332);
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    private final RecordingAcceptor router = new RecordingAcceptor();
    private final Refusals<UdpRefusal> refusals = new Refusals<>(UdpRefusal.class, UdpTransport.PID, "test");
    private final UdpLink link = new UdpLink("test", router, refusals,
            new Limits(65_507, 10, TimeUnit.SECONDS.toNanos(60), 1000, 500));
    private final EmbeddedChannel channel = new EmbeddedChannel(link);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private void receive(byte[] datagram) {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(datagram), SERVER, PEER));
    }

    /** Every datagram written so far (to {@link #PEER}), its bytes, the packets released. */
    private List<byte[]> sent() {
        List<byte[]> sent = new ArrayList<>();
        for (DatagramPacket packet = channel.readOutbound(); packet != null; packet = channel.readOutbound()) {
            assertThat(packet.recipient()).isEqualTo(PEER);
            sent.add(ByteBufUtil.getBytes(packet.content()));
            packet.release();
        }
        return sent;
    }

    @Test
    void aPeerWhoseRepliesAreBackedUpIsNotReadUntilTheyDrain() {
        router.echo = false;
        receive(Frames.hello("x"));
        channel.runPendingTasks();
        assertThat(sent()).singleElement().satisfies(w -> assertThat(Frames.decode(w)).isInstanceOf(WelcomeMessage.class));
        Connection connection = router.only().connection;

        for (int i = 0; i < 20; i++) { // the drain waits for the event loop: 11 queue up, 9 are dropped
            connection.send(Unpooled.buffer(100).writeInt(i).writeZero(96));
        }
        assertThat(connection.isWritable()).isFalse();
        assertThat(connection.queuedBytes()).isEqualTo(1100);
        receive(Frames.set("/while-backed-up", 1));
        assertThat(router.only().frames).hasSize(1);
        assertThat(refusals.total(UdpRefusal.PEER_BACKED_UP)).isEqualTo(1);
        assertThat(refusals.total(UdpRefusal.OUTBOUND_FULL)).isEqualTo(9);

        channel.runPendingTasks();
        List<byte[]> frames = sent();
        assertThat(frames).hasSize(11);
        for (int i = 0; i < 11; i++) {
            assertThat(Unpooled.wrappedBuffer(frames.get(i)).getInt(0)).isEqualTo(i);
        }
        assertThat(connection.isWritable()).isTrue();
        assertThat(router.only().writableCalls).hasValue(1);
        receive(Frames.set("/after", 2));
        assertThat(router.only().frames).hasSize(2);
    }

    @Test
    void aCloseNowDiscardsTheQueueAndEndsTheSessionOnce() {
        router.echo = false;
        receive(Frames.hello("x"));
        channel.runPendingTasks();
        sent();
        Connection connection = router.only().connection;
        connection.send(Unpooled.buffer(4).writeInt(1));
        connection.close(Connection.CLOSE_NORMAL, "bye");
        connection.closeNow(Connection.CLOSE_POLICY, "now");
        connection.send(Unpooled.buffer(4).writeInt(2));
        channel.runPendingTasks();

        assertThat(sent()).isEmpty();
        assertThat(router.only().closedCalls).hasValue(1);
        assertThat(connection.queuedBytes()).isZero();
        assertThat(link.peerCount()).isZero();
        receive(Frames.set("/a", 1)); // the session is gone: not a HELLO, dropped
        assertThat(refusals.total(UdpRefusal.NOT_HELLO)).isEqualTo(1);
    }

    @Test
    void theListenerClosingEndsEverySessionOnce() {
        receive(Frames.hello("x"));
        channel.runPendingTasks();
        sent();
        router.only().connection.send(Unpooled.buffer(4).writeInt(1)); // still queued when the channel closes
        channel.close();
        channel.runPendingTasks();
        assertThat(router.only().closedCalls).hasValue(1);
        assertThat(link.peerCount()).isZero();
    }
}
