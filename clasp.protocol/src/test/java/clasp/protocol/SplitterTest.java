package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.PingMessage;
import clasp.api.message.SetMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * The stream splitters: {@link FrameSplitter} (prefix-less, by each frame's own header, §2.4 checkComplete) and
 * {@link LengthPrefixSplitter} (TCP, 4-byte big-endian prefix, §1.2 / D13).
 */
class SplitterTest {
    private final ClaspCodec codec = ClaspCodec.defaults();

    private final Frame setFrame = new Frame(new SetMessage("/mixer/fader/1", Value.of(0.75)), QoS.CONFIRM, null);
    private final Frame pingWithTimestamp = new Frame(PingMessage.INSTANCE, QoS.FIRE, 1704067200000000L);

    // ---------------------------------------------------------------- FrameSplitter

    @Test
    void frameSplitterSplitsTwoConcatenatedFrames() throws Exception {
        byte[] a = codec.encode(setFrame);
        byte[] b = codec.encode(pingWithTimestamp);
        ByteBuf stream = Unpooled.buffer().writeBytes(a).writeBytes(b);
        try {
            FrameSplitter splitter = new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES);
            assertThat(takeFrame(splitter.next(stream))).isEqualTo(a);
            assertThat(stream.readerIndex()).isEqualTo(a.length);
            assertThat(takeFrame(splitter.next(stream))).isEqualTo(b);
            assertThat(stream.readableBytes()).isZero();
            assertThat(splitter.next(stream)).isNull();
            assertThat(codec.decode(a)).isEqualTo(setFrame);
            assertThat(codec.decode(b)).isEqualTo(pingWithTimestamp);
            assertThat(stream.refCnt()).as("the slices were released").isEqualTo(1);
        } finally {
            stream.release();
        }
    }

    @Test
    void frameSplitterReturnsNullUntilAFrameIsComplete() throws Exception {
        byte[] a = codec.encode(pingWithTimestamp); // 12-byte header: the timestamp counts toward the frame
        byte[] b = codec.encode(setFrame);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        FrameSplitter splitter = new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES);
        ByteBuf stream = Unpooled.buffer();
        try {
            int frames = 0;
            for (int i = 0; i < both.length; i++) {
                stream.writeByte(both[i]);
                int before = stream.readerIndex();
                ByteBuf frame = splitter.next(stream);
                boolean completes = i == a.length - 1 || i == both.length - 1;
                if (!completes) {
                    assertThat(frame).as("after %d bytes", i + 1).isNull();
                    assertThat(stream.readerIndex()).as("null leaves the stream untouched").isEqualTo(before);
                } else {
                    assertThat(frame).as("after %d bytes", i + 1).isNotNull();
                    assertThat(takeFrame(frame)).isEqualTo(frames == 0 ? a : b);
                    frames++;
                }
            }
            assertThat(frames).isEqualTo(2);
        } finally {
            stream.release();
        }
    }

    @Test
    void frameSplitterRejectsADeclaredLengthOverItsCap() throws Exception {
        byte[] set = codec.encode(setFrame);
        // Exactly at the cap is fine.
        FrameSplitter exact = new FrameSplitter(set.length);
        ByteBuf stream = Unpooled.wrappedBuffer(set);
        assertThat(takeFrame(exact.next(stream))).isEqualTo(set);

        // One byte over: TOO_LARGE as soon as the header is there, without waiting for the payload.
        FrameSplitter small = new FrameSplitter(set.length - 1);
        assertTooLarge(() -> small.next(Unpooled.wrappedBuffer(set, 0, 4)));
        assertTooLarge(() -> small.next(Unpooled.wrappedBuffer(set)));

        // The 8 timestamp bytes count: a 1-byte payload with a timestamp is a 13-byte frame.
        byte[] ping = codec.encode(pingWithTimestamp);
        assertThat(ping).hasSize(13);
        assertTooLarge(() -> new FrameSplitter(12).next(Unpooled.wrappedBuffer(ping)));
        assertThat(takeFrame(new FrameSplitter(13).next(Unpooled.wrappedBuffer(ping)))).isEqualTo(ping);

        // A header declaring the largest payload, under the default cap: waits for it; under a smaller cap: rejected.
        byte[] header = {0x53, 0x21, (byte) 0xFF, (byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES).next(Unpooled.wrappedBuffer(header))).isNull();
        assertTooLarge(() -> new FrameSplitter(65539).next(Unpooled.wrappedBuffer(header)));
    }

    @Test
    void frameSplitterRejectsBadMagic() throws Exception {
        ByteBuf stream = Unpooled.wrappedBuffer(new byte[] {0x54, 0x01, 0x00, 0x01, 0x41});
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES).next(stream));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.BAD_MAGIC);

        // A frame followed by garbage: the frame comes out, then the garbage is BAD_MAGIC.
        ByteBuf mixed = Unpooled.buffer().writeBytes(new byte[] {0x53, 0x01, 0x00, 0x01, 0x41, 0x00, 0x01, 0x02, 0x03});
        FrameSplitter splitter = new FrameSplitter(ClaspCodec.MAX_FRAME_BYTES);
        try {
            assertThat(ByteBufUtil.hexDump(takeSlice(splitter, mixed))).isEqualTo("5301000141");
            DecodeException e2 = catchThrowableOfType(DecodeException.class, () -> splitter.next(mixed));
            assertThat(e2).isNotNull();
            assertThat(e2.kind()).isEqualTo(DecodeException.Kind.BAD_MAGIC);
        } finally {
            mixed.release();
        }
    }

    // ---------------------------------------------------------------- LengthPrefixSplitter

    @Test
    void lengthPrefixSplitterSplitsTwoPrefixedFrames() throws Exception {
        byte[] a = codec.encode(setFrame);
        byte[] b = codec.encode(pingWithTimestamp);
        ByteBuf stream = Unpooled.buffer().writeInt(a.length).writeBytes(a).writeInt(b.length).writeBytes(b);
        try {
            LengthPrefixSplitter splitter = new LengthPrefixSplitter(65547);
            assertThat(takeFrame(splitter.next(stream))).as("the frame without its prefix").isEqualTo(a);
            assertThat(stream.readerIndex()).isEqualTo(4 + a.length);
            assertThat(takeFrame(splitter.next(stream))).isEqualTo(b);
            assertThat(splitter.next(stream)).isNull();
            assertThat(stream.refCnt()).isEqualTo(1);
        } finally {
            stream.release();
        }
    }

    @Test
    void lengthPrefixSplitterReturnsNullUntilAFrameIsComplete() throws Exception {
        byte[] a = codec.encode(setFrame);
        ByteBuf whole = Unpooled.buffer().writeInt(a.length).writeBytes(a);
        byte[] bytes = ByteBufUtil.getBytes(whole);
        whole.release();
        LengthPrefixSplitter splitter = new LengthPrefixSplitter(65547);
        ByteBuf stream = Unpooled.buffer();
        try {
            for (int i = 0; i < bytes.length - 1; i++) {
                stream.writeByte(bytes[i]);
                assertThat(splitter.next(stream)).as("after %d bytes", i + 1).isNull();
                assertThat(stream.readerIndex()).isZero();
            }
            stream.writeByte(bytes[bytes.length - 1]);
            assertThat(takeFrame(splitter.next(stream))).isEqualTo(a);
        } finally {
            stream.release();
        }
    }

    @Test
    void lengthPrefixOverTheCapIsTooLarge() throws Exception {
        // Default cap 65547: the largest legal frame (12-byte header with timestamp + 65535 payload bytes).
        LengthPrefixSplitter defaults = new LengthPrefixSplitter();
        assertThat(defaults.next(Unpooled.buffer().writeInt(65547).writeByte(0x53))).as("at the cap: waits").isNull();
        assertTooLarge(() -> defaults.next(Unpooled.buffer().writeInt(65548)));
        assertTooLarge(() -> defaults.next(Unpooled.buffer().writeInt(0xFFFF_FFFF)));
        assertTooLarge(() -> new LengthPrefixSplitter(65547).next(Unpooled.buffer().writeInt(65548)));

        LengthPrefixSplitter small = new LengthPrefixSplitter(10);
        assertTooLarge(() -> small.next(Unpooled.buffer().writeInt(11)));
        byte[] ping = codec.encode(Frame.of(PingMessage.INSTANCE));
        assertThat(takeFrame(small.next(Unpooled.buffer().writeInt(ping.length).writeBytes(ping)))).isEqualTo(ping);

        DecodeException zero = catchThrowableOfType(DecodeException.class,
                () -> defaults.next(Unpooled.buffer().writeInt(0).writeBytes(ping)));
        assertThat(zero).as("a zero-length prefix is rejected").isNotNull();
    }

    @Test
    void writePrefixedRoundTripsThroughTheSplitter() throws Exception {
        byte[] a = codec.encode(setFrame);
        ByteBuf out = Unpooled.buffer();
        try {
            LengthPrefixSplitter.writePrefixed(Unpooled.wrappedBuffer(a), out);
            assertThat(out.getInt(0)).isEqualTo(a.length);
            assertThat(codec.decode(takeSlice(new LengthPrefixSplitter(), out))).isEqualTo(setFrame);
        } finally {
            out.release();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The bytes of a retained slice, which is then released. */
    private static byte[] takeFrame(ByteBuf slice) {
        assertThat(slice).as("a frame").isNotNull();
        try {
            return ByteBufUtil.getBytes(slice);
        } finally {
            slice.release();
        }
    }

    /** A copy of the next frame (the retained slice is released). */
    private static ByteBuf takeSlice(FrameSplitter splitter, ByteBuf stream) throws DecodeException {
        return Unpooled.wrappedBuffer(takeFrame(splitter.next(stream)));
    }

    private static ByteBuf takeSlice(LengthPrefixSplitter splitter, ByteBuf stream) throws DecodeException {
        return Unpooled.wrappedBuffer(takeFrame(splitter.next(stream)));
    }

    interface Split {
        Object run() throws Exception;
    }

    private static void assertTooLarge(Split split) {
        DecodeException e = catchThrowableOfType(DecodeException.class, split::run);
        assertThat(e).as("a DecodeException").isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(DecodeException.Kind.TOO_LARGE);
    }
}
