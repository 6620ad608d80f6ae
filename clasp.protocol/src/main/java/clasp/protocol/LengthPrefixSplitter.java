package clasp.protocol;

import clasp.protocol.DecodeException.Kind;
import io.netty.buffer.ByteBuf;

/** Cuts a TCP byte stream framed as {@code [u32 length][frame]} into frames. */
public final class LengthPrefixSplitter {
    public static final int PREFIX_BYTES = 4;

    private final int maxFrameBytes;

    /** A splitter refusing a declared length above {@code maxFrameBytes} (the largest legal frame by default). */
    public LengthPrefixSplitter(int maxFrameBytes) {
        if (maxFrameBytes < 1) throw new IllegalArgumentException("maxFrameBytes must be positive");
        this.maxFrameBytes = maxFrameBytes;
    }

    public LengthPrefixSplitter() { this(ClaspCodec.MAX_FRAME_BYTES); }

    /**
     * The next frame (without its prefix) as a retained slice the caller releases, the reader index moved past
     * it; null while incomplete. A length above the cap, or zero, is a DecodeException and the stream is lost.
     */
    public ByteBuf next(ByteBuf stream) throws DecodeException {
        if (stream.readableBytes() < PREFIX_BYTES) return null;
        int start = stream.readerIndex();
        long length = stream.getUnsignedInt(start);
        if (length > maxFrameBytes) {
            throw new DecodeException(Kind.TOO_LARGE, 0, "length prefix " + length + " exceeds " + maxFrameBytes);
        }
        if (length == 0) throw new DecodeException(Kind.TRUNCATED, 0, "length prefix 0");
        if (stream.readableBytes() < PREFIX_BYTES + length) return null;
        stream.skipBytes(PREFIX_BYTES);
        return stream.readRetainedSlice((int) length);
    }

    /** Writes {@code frame} with its length prefix. */
    public static void writePrefixed(ByteBuf frame, ByteBuf out) {
        out.writeInt(frame.readableBytes());
        out.writeBytes(frame, frame.readerIndex(), frame.readableBytes());
    }
}
