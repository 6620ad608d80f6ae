package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clasp.api.ArrayValue;
import clasp.api.MapValue;
import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.PingMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * The nesting cap (wire-format §2.3, §13.4): arrays, maps and bundles nested up to the codec's max depth decode;
 * one level more is {@link DecodeException.Kind#DEPTH}, and so is any far deeper input, without a
 * StackOverflowError. The encoder applies the same cap ({@link EncodeException.Kind#DEPTH}).
 */
class DepthLimitTest {

    /** A SET payload whose value is {@code levels} nested arrays (or maps), hand-built from §4 and §6.7. */
    static byte[] setWithNesting(int levels, boolean maps) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x21);
        p.write(maps ? 0x0B : 0x0A);          // SET flags: value type in the low nibble
        p.writeBytes(new byte[] {0, 2, '/', 'a'});
        for (int i = 1; i < levels; i++) {
            p.writeBytes(new byte[] {0, 1});  // one element / entry
            if (maps) p.writeBytes(new byte[] {0, 1, 'k'});
            p.write(maps ? 0x0B : 0x0A);
        }
        p.writeBytes(new byte[] {0, 0});      // the innermost container is empty
        return frame(p.toByteArray());
    }

    /** {@code levels} nested BUNDLEs, the innermost one empty (§6.10). */
    static byte[] nestedBundles(int levels) {
        byte[] payload = {0x30, 0x00, 0x00, 0x00};
        for (int i = 1; i < levels; i++) {
            ByteArrayOutputStream p = new ByteArrayOutputStream();
            p.writeBytes(new byte[] {0x30, 0x00, 0x00, 0x01, (byte) (payload.length >>> 8), (byte) payload.length});
            p.writeBytes(payload);
            payload = p.toByteArray();
        }
        return frame(payload);
    }

    static byte[] frame(byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(new byte[] {0x53, 0x01, (byte) (payload.length >>> 8), (byte) payload.length});
        f.writeBytes(payload);
        return f.toByteArray();
    }

    static Value nested(int levels, boolean maps) {
        Value v = maps ? MapValue.copyOf(Map.of()) : new ArrayValue(List.of());
        for (int i = 1; i < levels; i++) v = maps ? MapValue.copyOf(Map.of("k", v)) : new ArrayValue(List.of(v));
        return v;
    }

    static Message bundles(int levels) {
        Message m = new BundleMessage(null, List.of());
        for (int i = 1; i < levels; i++) m = new BundleMessage(null, List.of(m));
        return m;
    }

    @ParameterizedTest(name = "maxDepth {0}")
    @ValueSource(ints = {1, 2, 5, ClaspCodec.DEFAULT_MAX_DEPTH})
    void valuesNestedUpToMaxDepthDecodeAndOneMoreIsDepth(int maxDepth) throws Exception {
        ClaspCodec codec = maxDepth == ClaspCodec.DEFAULT_MAX_DEPTH ? ClaspCodec.defaults() : new ClaspCodec(maxDepth);
        for (boolean maps : new boolean[] {false, true}) {
            byte[] ok = setWithNesting(maxDepth, maps);
            Frame decoded = codec.decode(ok);
            assertThat(decoded.message()).isEqualTo(new SetMessage("/a", nested(maxDepth, maps)));
            assertThat(codec.encode(decoded)).as("the hand-built frame is what the encoder writes").isEqualTo(ok);

            assertDepth(codec, setWithNesting(maxDepth + 1, maps));
            assertDepth(codec, setWithNesting(maxDepth + 10, maps));
        }
    }

    @ParameterizedTest(name = "maxDepth {0}")
    @ValueSource(ints = {1, 2, 5, ClaspCodec.DEFAULT_MAX_DEPTH})
    void bundlesNestedUpToMaxDepthDecodeAndOneMoreIsDepth(int maxDepth) throws Exception {
        ClaspCodec codec = new ClaspCodec(maxDepth);
        byte[] ok = nestedBundles(maxDepth);
        Frame decoded = codec.decode(ok);
        assertThat(decoded.message()).isEqualTo(bundles(maxDepth));
        assertThat(codec.encode(decoded)).isEqualTo(ok);

        assertDepth(codec, nestedBundles(maxDepth + 1));
    }

    @Test
    void defaultCodecCapsAt32() throws Exception {
        assertThat(ClaspCodec.DEFAULT_MAX_DEPTH).isEqualTo(32);
        ClaspCodec codec = ClaspCodec.defaults();
        codec.decode(setWithNesting(32, false));
        assertDepth(codec, setWithNesting(33, false));
        codec.decode(nestedBundles(32));
        assertDepth(codec, nestedBundles(33));
    }

    @Test
    void nestingThatFillsAWholeFrameIsDepthNotStackOverflow() {
        ClaspCodec codec = ClaspCodec.defaults();
        // 3 bytes per array level: about 21,800 levels in one 65535-byte payload.
        assertDepth(codec, setWithNesting((0xFFFF - 8) / 3, false));
        // 6 bytes per map level ("k" keys): about 10,900 levels.
        assertDepth(codec, setWithNesting((0xFFFF - 8) / 6, true));
        // 6 bytes per bundle level: about 10,900 levels.
        assertDepth(codec, nestedBundles((0xFFFF - 4) / 6));
        // Inside PUBLISH too (the value indicator path).
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {0x20, 0x20, 0, 2, '/', 'p', 1});
        for (int i = 0; i < 20_000; i++) p.writeBytes(new byte[] {0x0A, 0, 1});
        p.write(0x00);
        assertDepth(codec, frame(p.toByteArray()));
    }

    @Test
    void deepLegacyMessagePackIsDepth() throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(3);
        m.packString("type").packString("SET");
        m.packString("address").packString("/a");
        m.packString("value");
        for (int i = 0; i < 10_000; i++) m.packArrayHeader(1);
        m.packNil();
        assertDepth(ClaspCodec.defaults(), frame(m.toByteArray()));

        MessageBufferPacker b = MessagePack.newDefaultBufferPacker();
        for (int i = 0; i < 2_000; i++) {
            b.packMapHeader(2);
            b.packString("type").packString("BUNDLE");
            b.packString("messages").packArrayHeader(1);
        }
        b.packMapHeader(1).packString("type").packString("PING");
        assertDepth(ClaspCodec.defaults(), frame(b.toByteArray()));
    }

    @Test
    void encoderRejectsNestingBeyondMaxDepthAndWritesNothing() throws Exception {
        ClaspCodec codec = new ClaspCodec(4);
        assertThat(codec.encode(Frame.of(new SetMessage("/a", nested(4, false)), QoS.FIRE))).isEqualTo(setWithNesting(4, false));
        for (Message tooDeep : List.of(new SetMessage("/a", nested(5, false)), new SetMessage("/a", nested(5, true)),
                PublishMessage.event("/p", nested(5, true)), bundles(5),
                new BundleMessage(null, List.of(PingMessage.INSTANCE, new SetMessage("/a", nested(5, false)))))) {
            ByteBuf out = Unpooled.buffer().writeByte(7);
            try {
                EncodeException e = catchThrowableOfType(EncodeException.class,
                        () -> codec.encode(new Frame(tooDeep, QoS.CONFIRM, 5L), out));
                assertThat(e).as("encoding %s", tooDeep).isNotNull();
                assertThat(e.kind()).isEqualTo(EncodeException.Kind.DEPTH);
                assertThat(out.readableBytes()).as("nothing written").isEqualTo(1);
            } finally {
                out.release();
            }
        }
    }

    private static void assertDepth(ClaspCodec codec, byte[] frame) {
        DecodeException e;
        try {
            e = catchThrowableOfType(DecodeException.class, () -> codec.decode(frame));
        } catch (StackOverflowError so) {
            throw new AssertionError("decoder overflowed the stack instead of reporting DEPTH", so);
        }
        assertThat(e).as("a DecodeException for a frame of %d bytes", frame.length).isNotNull();
        assertThat(e.kind()).as(e.getMessage()).isEqualTo(DecodeException.Kind.DEPTH);
    }
}
