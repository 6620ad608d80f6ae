package clasp.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.transport.Connection;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A connection over a raw wire (TCP, QUIC, serial): frames in order, the close after them, closeNow discarding. */
class ChannelConnectionTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ChannelConnection connection = new ChannelConnection("test", channel, Wire.RAW, new InboundActivity(),
            "CN=peer", 65_547, 1024, 512);

    private List<Integer> written() {
        channel.runPendingTasks();
        List<Integer> numbers = new ArrayList<>();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            if (out.isReadable()) numbers.add(out.readInt());
            out.release();
        }
        return numbers;
    }

    @Test
    void framesLeaveInTheOrderSentThenTheCloseEndsTheChannel() {
        for (int i = 0; i < 5; i++) connection.send(Unpooled.buffer(4).writeInt(i));
        connection.close(Connection.CLOSE_NORMAL, "bye");
        connection.send(Unpooled.buffer(4).writeInt(99)); // after close: released, never written

        assertThat(written()).containsExactly(0, 1, 2, 3, 4);
        assertThat(connection.isOpen()).isFalse();
        assertThat(connection.peerIdentity()).isEqualTo("CN=peer");
        assertThat(connection.transport()).isEqualTo("test");
        assertThat(channel.isOpen()).isFalse(); // an embedded channel is not duplex: the close closes it at once
    }

    @Test
    void aBacklogAboveTheHighWatermarkMakesTheConnectionUnwritableAndCloseNowDiscardsIt() {
        for (int i = 0; i < 300; i++) connection.send(Unpooled.buffer(4).writeInt(i)); // 1200 bytes queued > 1024
        assertThat(connection.isWritable()).isFalse();
        assertThat(connection.queuedBytes()).isEqualTo(1200);

        connection.closeNow(Connection.CLOSE_POLICY, "too slow");
        assertThat(written()).isEmpty();
        assertThat(connection.queuedBytes()).isZero();
        assertThat(channel.isOpen()).isFalse();
    }
    /** A closeNow that comes while a drain is running (here: from inside it) is carried out by that drain. */
    @Test
    void aCloseNowDuringADrainIsNotLost() {
        EmbeddedChannel ch = new EmbeddedChannel();
        List<Object> closes = new ArrayList<>();
        OutboundPath[] path = new OutboundPath[1];
        Wire closingWire = new Wire() {
            @Override
            public Object message(ByteBuf frame) {
                path[0].closeNow(Connection.CLOSE_POLICY, "too slow");   // as another thread would, mid-drain
                return frame;
            }

            @Override
            public Object closeMessage(int code, String reason) {
                closes.add(code);
                return Unpooled.EMPTY_BUFFER;
            }
        };
        path[0] = new OutboundPath(ch, closingWire, 1024, 512, new GracefulClose(ch));
        path[0].offer(Unpooled.buffer(4).writeInt(1));
        ch.runPendingTasks();

        assertThat(closes).containsExactly(Connection.CLOSE_POLICY);
        assertThat(ch.isOpen()).isFalse();
        ByteBuf out;
        while ((out = ch.readOutbound()) != null) out.release();
    }
}
