package clasp.transport.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Puts the 4-byte big-endian length before each outgoing frame. A small frame is copied behind its prefix into one
 * buffer: one write and one socket buffer entry per delivery, which costs less than a second buffer for 4 bytes
 * (fan-out writes the same small frame to many connections). A frame above {@value #COPY_LIMIT} bytes goes out as
 * it is, behind a prefix buffer of its own (no copy). An empty buffer is no frame but the end-of-stream marker of the
 * graceful close: it passes unprefixed. Stateless.
 */
@Sharable
final class LengthPrefixEncoder extends MessageToMessageEncoder<ByteBuf> {
    static final LengthPrefixEncoder INSTANCE = new LengthPrefixEncoder();
    /** Up to this frame size copying is cheaper than a second buffer (Netty's WebSocket encoder draws the same line). */
    static final int COPY_LIMIT = 1024;

    private LengthPrefixEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int length = frame.readableBytes();
        if (length == 0) {
            out.add(frame.retain());
        } else if (length <= COPY_LIMIT) {
            ByteBuf prefixed = ctx.alloc().buffer(LengthPrefixDecoder.PREFIX_BYTES + length);
            prefixed.writeInt(length).writeBytes(frame, frame.readerIndex(), length);
            out.add(prefixed);
        } else {
            out.add(ctx.alloc().buffer(LengthPrefixDecoder.PREFIX_BYTES).writeInt(length));
            out.add(frame.retain());
        }
    }
}
