package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.Frame;
import clasp.api.message.SetMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/** Legacy MessagePack payloads (wire-format §11): regressions found by {@link FuzzPropertyTest}. */
class LegacyMsgPackTest {
    private final ClaspCodec codec = ClaspCodec.defaults();

    private static byte[] frame(byte[] payload) { return DepthLimitTest.frame(payload); }

    /** Netty hands out direct buffers; msgpack-core must not be given a direct ByteBuffer (IllegalAccessError). */
    @Test
    void legacyPayloadDecodesFromADirectBuffer() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3).packString("type").packString("SET").packString("address").packString("/a")
                .packString("value").packDouble(0.5);
        byte[] frame = frame(p.toByteArray());
        ByteBuf direct = Unpooled.directBuffer().writeBytes(frame);
        try {
            Frame decoded = codec.decode(direct);
            assertThat(decoded.message()).isEqualTo(new SetMessage("/a", Value.of(0.5)));
            assertThat(direct.readableBytes()).isZero();
        } finally {
            direct.release();
        }
    }

    /** WELCOME.time is required (a primitive long): a map without it is a DecodeException, not an NPE. */
    @Test
    void welcomeWithoutTimeIsADecodeException() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(3).packString("type").packString("WELCOME").packString("version").packInt(1)
                .packString("session").packString("s");
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> codec.decode(frame(p.toByteArray())));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(DecodeException.Kind.INVALID_FIELD);
    }

    /** A meta range whose second element is not a number is no range, not an IllegalArgumentException. */
    @Test
    void announceMetaRangeWithANonNumberIsNoRange() throws Exception {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(2).packString("type").packString("ANNOUNCE").packString("signals").packArrayHeader(1);
        p.packMapHeader(3).packString("address").packString("/x").packString("type").packString("param");
        p.packString("meta").packMapHeader(2).packString("unit").packString("ms")
                .packString("range").packArrayHeader(2).packDouble(0.25).packString("high");
        Frame decoded = codec.decode(frame(p.toByteArray()));
        assertThat(decoded.message()).isEqualTo(new AnnounceMessage(null, List.of(new SignalDefinition("/x",
                SignalType.PARAM, null, null, new SignalMeta("ms", null, null, null, null)))));
    }
}
