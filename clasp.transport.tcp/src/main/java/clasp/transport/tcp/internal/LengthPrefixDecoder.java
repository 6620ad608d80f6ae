package clasp.transport.tcp.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;

/**
 * Cuts the byte stream into frames by their 4-byte big-endian length prefix (D13), each frame a slice of what was
 * read (no copy), the prefix stripped. A length of 0 or above {@code maxFrameBytes} is bad input: it is thrown once,
 * and everything the peer sends after it is discarded, since a byte stream cannot be resynchronised. One instance
 * per connection; event loop only.
 */
final class LengthPrefixDecoder extends LengthFieldBasedFrameDecoder {
    static final int PREFIX_BYTES = 4;

    /** A length prefix of 0: no CLASP frame is empty. */
    static final class ZeroLengthException extends CorruptedFrameException {
        ZeroLengthException() {
            super("length prefix 0");
        }
    }

    private final int maxFrameBytes;
    private boolean broken;

    LengthPrefixDecoder(int maxFrameBytes) {
        super(maxFrameBytes + PREFIX_BYTES, 0, PREFIX_BYTES, 0, PREFIX_BYTES);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= PREFIX_BYTES) {
            long length = in.getUnsignedInt(in.readerIndex());
            if (length == 0 || length > maxFrameBytes) {
                broken = true;
                in.skipBytes(in.readableBytes());
                throw length == 0 ? new ZeroLengthException()
                        : new TooLongFrameException("length prefix " + length + " exceeds maxFrameBytes " + maxFrameBytes);
            }
        }
        return super.decode(ctx, in);
    }
}
