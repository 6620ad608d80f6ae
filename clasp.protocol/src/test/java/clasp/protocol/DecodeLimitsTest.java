package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clasp.api.ArrayValue;
import clasp.api.MapValue;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;

/**
 * {@link DecodeLimits}: array items, map entries, string and bytes lengths are checked when their prefix is read, in
 * the binary and the legacy MessagePack decoder alike; exactly the limit decodes, one more is a DecodeException of
 * the kind naming that limit, with the declared size and the limit in its text.
 */
class DecodeLimitsTest {
    private static final ClaspCodec CODEC = new ClaspCodec(new DecodeLimits(32, 10, 4, 8, 16));

    private static byte[] binary(Message m) throws EncodeException { return ClaspCodec.defaults().encode(Frame.of(m)); }

    private static List<Value> items(int n) { return Collections.nCopies(n, Value.ofNull()); }

    private static Map<String, Value> entries(int n) {
        Map<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) out.put("k" + i, Value.ofNull());
        return out;
    }

    /** A legacy MessagePack SET of {@code value} (packed by {@code packer}). */
    private static byte[] legacySet(String address, Packing value) throws IOException {
        MessageBufferPacker m = MessagePack.newDefaultBufferPacker();
        m.packMapHeader(3);
        m.packString("type").packString("SET");
        m.packString("address").packString(address);
        m.packString("value");
        value.pack(m);
        return DepthLimitTest.frame(m.toByteArray());
    }

    private interface Packing { void pack(MessageBufferPacker m) throws IOException; }

    private static void refused(byte[] frame, DecodeException.Kind kind, String message) {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> CODEC.decode(frame));
        assertThat(e).as("refused: " + message).isNotNull();
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).isEqualTo(message);
    }

    @Test void binaryArraysMapsStringsAndBytesUpToTheLimitDecodeAndOneMoreIsRefused() throws Exception {
        SetMessage atLimit = new SetMessage("/a", Value.of(List.of(new ArrayValue(items(10)), MapValue.copyOf(entries(4)),
                Value.of("12345678"), Value.of(new byte[16]))));
        assertThat(CODEC.decode(binary(atLimit)).message()).isEqualTo(atLimit);

        refused(binary(new SetMessage("/a", new ArrayValue(items(11)))), DecodeException.Kind.ARRAY_TOO_LONG,
                "ARRAY_TOO_LONG at offset 10: array of 11 items exceeds the limit of 10");
        refused(binary(new SetMessage("/a", MapValue.copyOf(entries(5)))), DecodeException.Kind.MAP_TOO_LARGE,
                "MAP_TOO_LARGE at offset 10: map of 5 entries exceeds the limit of 4");
        refused(binary(new SetMessage("/a", Value.of("123456789"))), DecodeException.Kind.STRING_TOO_LONG,
                "STRING_TOO_LONG at offset 10: string of 9 bytes exceeds the limit of 8");
        refused(binary(new SetMessage("/a", Value.of(new byte[17]))), DecodeException.Kind.BYTES_TOO_LONG,
                "BYTES_TOO_LONG at offset 10: bytes value of 17 bytes exceeds the limit of 16");
    }

    @Test void theStringLimitCoversEveryStringOfAFrameAndTheArrayLimitStreamSamples() throws Exception {
        refused(binary(new SetMessage("/address1", Value.of(1L))), DecodeException.Kind.STRING_TOO_LONG,
                "STRING_TOO_LONG at offset 6: address of 9 bytes exceeds the limit of 8");
        refused(binary(new SetMessage("/a", MapValue.copyOf(Map.of("long key!", Value.ofNull())))),
                DecodeException.Kind.STRING_TOO_LONG, "STRING_TOO_LONG at offset 12: map key of 9 bytes exceeds the limit of 8");
        PublishMessage samples = new PublishMessage("/s", clasp.api.SignalType.STREAM, null, new double[11], null, null,
                clasp.api.GesturePhase.START, null);
        refused(binary(samples), DecodeException.Kind.ARRAY_TOO_LONG,
                "ARRAY_TOO_LONG at offset 11: samples of 11 items exceeds the limit of 10");
    }

    @Test void legacyMessagePackIsCheckedAtEachHeaderBeforeItsItemsAreRead() throws Exception {
        assertThat(CODEC.decode(legacySet("/a", m -> {
            m.packArrayHeader(10);
            for (int i = 0; i < 10; i++) m.packNil();
        })).message()).isEqualTo(new SetMessage("/a", new ArrayValue(items(10))));
        // The headers declare far more than the frame holds: the limit is what refuses them, not the bytes left.
        refused(legacySet("/a", m -> m.packArrayHeader(70_000)), DecodeException.Kind.ARRAY_TOO_LONG,
                "ARRAY_TOO_LONG at offset 31: array of 70000 items exceeds the limit of 10");
        refused(legacySet("/a", m -> m.packMapHeader(5)), DecodeException.Kind.MAP_TOO_LARGE,
                "MAP_TOO_LARGE at offset 31: map of 5 entries exceeds the limit of 4");
        refused(legacySet("/a", m -> m.packRawStringHeader(100_000)), DecodeException.Kind.STRING_TOO_LONG,
                "STRING_TOO_LONG at offset 31: string of 100000 bytes exceeds the limit of 8");
        refused(legacySet("/a", m -> m.packBinaryHeader(17).writePayload(new byte[17])), DecodeException.Kind.BYTES_TOO_LONG,
                "BYTES_TOO_LONG at offset 31: bytes value of 17 bytes exceeds the limit of 16");
    }

    @Test void theDefaultsAreTheWireMaximaAndDepth32AsBefore() throws Exception {
        assertThat(DecodeLimits.DEFAULTS).isEqualTo(new DecodeLimits(32, 65_535, 65_535, 65_535, 65_535));
        assertThat(ClaspCodec.defaults().limits()).isEqualTo(DecodeLimits.DEFAULTS);
        assertThat(new ClaspCodec(7).limits()).isEqualTo(DecodeLimits.DEFAULTS.withMaxDepth(7));
        SetMessage wide = new SetMessage("/a", new ArrayValue(items(65_000)));
        assertThat(ClaspCodec.defaults().decode(binary(wide)).message()).isEqualTo(wide);
    }

    @Test void limitsOutsideWhatTheWireCanExpressAreRefused() {
        assertThatThrownBy(() -> new DecodeLimits(0, 1, 1, 1, 1)).hasMessage("maxDepth must be between 1 and 512");
        assertThatThrownBy(() -> new DecodeLimits(513, 1, 1, 1, 1)).hasMessage("maxDepth must be between 1 and 512");
        assertThatThrownBy(() -> new DecodeLimits(1, 65_536, 1, 1, 1)).hasMessage("maxArrayLength must be between 0 and 65535");
        assertThatThrownBy(() -> new DecodeLimits(1, 1, -1, 1, 1)).hasMessage("maxMapSize must be between 0 and 65535");
        assertThatThrownBy(() -> new DecodeLimits(1, 1, 1, 70_000, 1)).hasMessage("maxStringBytes must be between 0 and 65535");
        assertThatThrownBy(() -> new DecodeLimits(1, 1, 1, 1, -5)).hasMessage("maxBytesLength must be between 0 and 65535");
        assertThatThrownBy(() -> new ClaspCodec(600)).hasMessage("maxDepth must be between 1 and 512");
    }

    @Test void aRefusedFrameLeavesTheBufferWhereItWas() throws Exception {
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(binary(new SetMessage("/a", new ArrayValue(items(11)))));
        catchThrowableOfType(DecodeException.class, () -> CODEC.decode(in));
        assertThat(in.readerIndex()).isZero();
    }
}
