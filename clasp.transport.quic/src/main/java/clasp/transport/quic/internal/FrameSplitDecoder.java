package clasp.transport.quic.internal;

import clasp.protocol.DecodeException;
import clasp.protocol.FrameSplitter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Cuts a stream's bytes into CLASP frames by each frame header's own length ({@link FrameSplitter}): a frame may
 * arrive in pieces across reads, and one read may carry several frames. A frame above the limit is a
 * {@link TooLongFrameException}, bytes that do not start a frame a {@link CorruptedFrameException}; either ends the
 * session (a byte stream cannot be resynchronised), and everything after it is discarded unread. One instance per
 * stream, on the stream's event loop.
 */
final class FrameSplitDecoder extends ByteToMessageDecoder {
    private final FrameSplitter splitter;
    private boolean failed;

    FrameSplitDecoder(int maxFrameBytes) {
        this.splitter = new FrameSplitter(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            ByteBuf frame;
            while ((frame = splitter.next(in)) != null) {
                out.add(frame);
            }
        } catch (DecodeException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e.kind() == DecodeException.Kind.TOO_LARGE
                    ? new TooLongFrameException(e.getMessage()) : new CorruptedFrameException(e.getMessage());
        }
    }
}
