package clasp.protocol;

import clasp.protocol.DecodeException.Kind;
import io.netty.buffer.ByteBuf;

/**
 * Cuts a prefix-less byte stream into frames by each header's own length (the reference's checkComplete),
 * for stream transports that add no framing of their own.
 */
public final class FrameSplitter {
    private final int maxFrameBytes;

    /** A splitter refusing frames longer than {@code maxFrameBytes} (at most {@link ClaspCodec#MAX_FRAME_BYTES}). */
    public FrameSplitter(int maxFrameBytes) {
        if (maxFrameBytes < ClaspCodec.HEADER_BYTES + 1) throw new IllegalArgumentException("maxFrameBytes too small");
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameSplitter() { this(ClaspCodec.MAX_FRAME_BYTES); }

    /**
     * The next whole frame as a retained slice (the caller releases it), with the stream's reader index moved
     * past it; null while the frame is incomplete. Bad magic or an oversized frame is a DecodeException: a byte
     * stream cannot be resynchronised, so the connection should close.
     */
    public ByteBuf next(ByteBuf stream) throws DecodeException {
        if (stream.readableBytes() < ClaspCodec.HEADER_BYTES) return null;
        int start = stream.readerIndex();
        if (stream.getUnsignedByte(start) != ClaspCodec.MAGIC) {
            throw new DecodeException(Kind.BAD_MAGIC, 0, "expected magic 0x53, got 0x"
                    + Integer.toHexString(stream.getUnsignedByte(start)));
        }
        boolean timestamped = (stream.getUnsignedByte(start + 1) & 0x20) != 0;
        int total = (timestamped ? ClaspCodec.HEADER_BYTES + ClaspCodec.TIMESTAMP_BYTES : ClaspCodec.HEADER_BYTES)
                + stream.getUnsignedShort(start + 2);
        if (total > maxFrameBytes) {
            throw new DecodeException(Kind.TOO_LARGE, 2, "frame of " + total + " bytes exceeds " + maxFrameBytes);
        }
        if (stream.readableBytes() < total) return null;
        return stream.readRetainedSlice(total);
    }
}
