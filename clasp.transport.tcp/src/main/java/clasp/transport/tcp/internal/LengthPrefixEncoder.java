package clasp.transport.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldPrepender;
import java.util.List;

/**
 * Puts the 4-byte big-endian length before each outgoing frame, as a separate buffer in the same write (no copy).
 * An empty buffer is no frame but the end-of-stream marker of the graceful close: it passes unprefixed. Stateless.
 */
@Sharable
final class LengthPrefixEncoder extends LengthFieldPrepender {
    static final LengthPrefixEncoder INSTANCE = new LengthPrefixEncoder();

    private LengthPrefixEncoder() {
        super(LengthPrefixDecoder.PREFIX_BYTES);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) throws Exception {
        if (frame.isReadable()) {
            super.encode(ctx, frame, out);
        } else {
            out.add(frame.retain());
        }
    }
}
