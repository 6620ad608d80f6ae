package clasp.bridge.osc.internal;

import clasp.osc.Slip;
import clasp.osc.SlipDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * OSC packets from a TCP stream. The first byte decides the framing for the connection's life, as liblo does: END
 * ({@code C0}) means SLIP (OSC 1.1), anything else a 4-byte big-endian size before each packet (OSC 1.0; what
 * {@code oscsend osc.tcp://…} sends). A SLIP frame that is oversized or badly escaped is dropped and reported, and the
 * stream resynchronises at the next END; a size prefix that is not positive or above the limit cannot be resynchronised
 * after, so it is reported and the connection closed.
 */
final class StreamFrames extends ByteToMessageDecoder {
    private enum Framing { SLIP, SIZE_PREFIX }

    private final int maxPacketBytes;
    private final Link.Events events;
    private Framing framing;
    private SlipDecoder slip;
    private InetSocketAddress sender;

    StreamFrames(int maxPacketBytes, Link.Events events) {
        this.maxPacketBytes = maxPacketBytes;
        this.events = events;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (framing == null) {
            if (!in.isReadable()) return;
            sender = (InetSocketAddress) ctx.channel().remoteAddress();
            framing = in.getByte(in.readerIndex()) == Slip.END ? Framing.SLIP : Framing.SIZE_PREFIX;
            if (framing == Framing.SLIP) slip = new SlipDecoder(maxPacketBytes, new SlipFrames());
        }
        if (framing == Framing.SLIP) {
            slip.feed(in);
            return;
        }
        while (in.readableBytes() >= 4) {
            int size = in.getInt(in.readerIndex());
            if (size <= 0 || size > maxPacketBytes) {
                events.malformed("size prefix " + size + " from " + Hosts.hostPort(sender) + " is not 1-" + maxPacketBytes
                        + " bytes; connection closed");
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            if (in.readableBytes() < 4 + size) return;
            in.skipBytes(4);
            events.packet(in.readSlice(size), sender);
        }
    }

    private final class SlipFrames implements SlipDecoder.Sink {
        @Override
        public void frame(byte[] bytes, int length) {
            ByteBuf frame = Unpooled.wrappedBuffer(bytes, 0, length);
            try {
                events.packet(frame, sender);
            } finally {
                frame.release();
            }
        }

        @Override
        public void dropped(SlipDecoder.Drop reason) {
            events.malformed("SLIP frame from " + Hosts.hostPort(sender) + " dropped: "
                    + (reason == SlipDecoder.Drop.OVERSIZE ? "longer than " + maxPacketBytes + " bytes" : "bad escape"));
        }
    }
}
