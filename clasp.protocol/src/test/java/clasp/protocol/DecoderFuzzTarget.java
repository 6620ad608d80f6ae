package clasp.protocol;

import clasp.api.message.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.HexFormat;

/**
 * The decoder as a fuzz target: {@link ClaspCodec#decode(ByteBuf)} must return a frame or throw {@link
 * DecodeException}; anything else is a crash. A frame that decodes must re-encode (or be refused with {@link
 * EncodeException}, e.g. when small integers widen to i64 past the payload limit) and decode again to an equal frame.
 * Inputs go in buffers from Netty's default allocator, so the leak detector tracks them; every fourth one is direct,
 * at a non-zero reader index, with bytes after the frame.
 */
public final class DecoderFuzzTarget implements FuzzRun.Target {
    private final ClaspCodec codec = ClaspCodec.defaults();
    private int count;

    @Override public String feed(FuzzInput input) throws Exception {
        byte[] bytes = input.bytes();
        boolean offset = (count++ & 3) == 0;
        ByteBuf buf = offset ? ByteBufAllocator.DEFAULT.directBuffer(bytes.length + 4)
                : ByteBufAllocator.DEFAULT.heapBuffer(bytes.length);
        Frame frame;
        try {
            if (offset) buf.writeByte(0x53);
            buf.writeBytes(bytes);
            if (offset) {
                buf.writeBytes(new byte[] {1, 2, 3});
                buf.readerIndex(1);
            }
            int start = buf.readerIndex();
            try {
                frame = codec.decode(buf);
            } catch (DecodeException e) {
                if (buf.readerIndex() != start) throw new AssertionError("a rejected frame moved the reader index");
                return "rejected " + e.kind();
            }
            if (frame == null) throw new AssertionError("decode returned null");
        } finally {
            buf.release();
        }
        byte[] again;
        try {
            again = codec.encode(frame);
        } catch (EncodeException e) {
            return "decoded, re-encoding refused " + e.kind();
        }
        Frame twice;
        try {
            twice = codec.decode(again);
        } catch (DecodeException e) {
            throw new AssertionError("the encoder's output " + HexFormat.of().formatHex(again) + " does not decode: " + e
                    + "; frame " + frame);
        }
        if (!twice.equals(frame)) throw new AssertionError("decode(encode(decoded)) differs: " + twice + " vs " + frame);
        return "decoded " + frame.message().type();
    }
}
