package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import clasp.api.GesturePhase;
import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.*;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Encoder limits (wire-format §0, §2.3): fixed-width fields out of range are INVALID_FIELD, strings, counts and the
 * payload over their u16 limits are TOO_LARGE, and a failed encode writes nothing.
 */
class EncodeLimitsTest {
    private final ClaspCodec codec = ClaspCodec.defaults();

    @Test
    void fixedWidthFieldsOutOfRangeAreInvalidField() {
        for (long bad : new long[] {-1, 0x1_0000_0000L, Long.MIN_VALUE}) {
            List<Message> messages = List.of(
                    new SubscribeMessage(bad, "/a"),
                    new UnsubscribeMessage(bad),
                    new SubscribeMessage(1, "/a", Set.of(), new SubscribeOptions(bad, null, null, null)),
                    new SubscribeMessage(1, "/a", Set.of(), new SubscribeOptions(null, null, bad, null)),
                    new SubscribeMessage(1, "/a", Set.of(), new SubscribeOptions(null, null, null, bad)),
                    new PublishMessage("/p", SignalType.GESTURE, null, null, null, bad, GesturePhase.MOVE, null),
                    new PublishMessage("/p", SignalType.STREAM, null, null, null, null, GesturePhase.START, bad),
                    new AckMessage(null, null, null, null, bad),
                    new ErrorMessage(400, "x", null, bad),
                    new ReplayMessage("/a", null, null, bad, Set.of()));
            for (Message m : messages) assertFails(m, EncodeException.Kind.INVALID_FIELD);
        }
        for (int code : new int[] {-1, 0x10000}) assertFails(new ErrorMessage(code, "x"), EncodeException.Kind.INVALID_FIELD);
        for (int version : new int[] {-1, 256}) {
            assertFails(new HelloMessage(version, Set.of(), "n", null), EncodeException.Kind.INVALID_FIELD);
            assertFails(new WelcomeMessage(version, Set.of(), 0, "s", "n", null), EncodeException.Kind.INVALID_FIELD);
        }
    }

    @Test
    void fixedWidthFieldsAtTheirLimitsEncode() throws Exception {
        long u32max = 0xffff_ffffL;
        for (Message m : List.of(new SubscribeMessage(u32max, "/a"), new UnsubscribeMessage(0),
                new ErrorMessage(0xFFFF, "x", null, u32max), new HelloMessage(255, Set.of(), "n", null),
                new WelcomeMessage(0, Set.of(), -1L, "s", "n", null),
                new PublishMessage("/p", SignalType.STREAM, null, null, -1L, u32max, GesturePhase.END, u32max))) {
            Frame f = Frame.of(m);
            assertThat(codec.decode(codec.encode(f))).isEqualTo(f);
        }
    }

    @Test
    void payloadLimitIsExactly65535Bytes() throws Exception {
        // SET "/a" with a string: type, flags, u16 + 2 address bytes, u16 string length = 8 bytes before the text.
        Frame fits = Frame.of(new SetMessage("/a", Value.of("x".repeat(0xFFFF - 8))));
        byte[] bytes = codec.encode(fits);
        assertThat(bytes).hasSize(4 + 0xFFFF);
        assertThat(bytes[2] & 0xFF).isEqualTo(0xFF);
        assertThat(bytes[3] & 0xFF).isEqualTo(0xFF);
        assertThat(codec.decode(bytes)).isEqualTo(fits);

        assertFails(new SetMessage("/a", Value.of("x".repeat(0xFFFF - 7))), EncodeException.Kind.TOO_LARGE);
        // The same with a frame timestamp: the limit is on the payload, not the frame.
        Frame stamped = new Frame(fits.message(), QoS.FIRE, 42L);
        assertThat(codec.encode(stamped)).hasSize(12 + 0xFFFF);
    }

    @Test
    void stringsCountsAndBundlesOverTheirLimitsAreTooLarge() {
        // 40,000 chars but 80,000 UTF-8 bytes: the limit counts bytes.
        assertFails(new GetMessage("é".repeat(40_000)), EncodeException.Kind.TOO_LARGE);
        assertFails(new SetMessage("/a", Value.of(Map.of("k".repeat(70_000), Value.ofNull()))), EncodeException.Kind.TOO_LARGE);
        assertFails(new SetMessage("/a", Value.of(Collections.nCopies(0x10000, Value.ofNull()))), EncodeException.Kind.TOO_LARGE);
        assertFails(new PublishMessage("/s", SignalType.STREAM, null, new double[0x10000], null, null, GesturePhase.START,
                null), EncodeException.Kind.TOO_LARGE);
        assertFails(new SetMessage("/a", Value.of(new byte[0x10000])), EncodeException.Kind.TOO_LARGE);
        List<Message> many = new ArrayList<>();
        for (int i = 0; i < 7_000; i++) many.add(new SetMessage("/light/" + i, Value.of(i * 1.0)));
        assertFails(new BundleMessage(null, many), EncodeException.Kind.TOO_LARGE);
    }

    private void assertFails(Message m, EncodeException.Kind kind) {
        ByteBuf out = Unpooled.buffer().writeBytes(new byte[] {1, 2, 3});
        try {
            EncodeException e = catchThrowableOfType(EncodeException.class, () -> codec.encode(Frame.of(m), out));
            assertThat(e).as("encoding %s must fail", m.type()).isNotNull();
            assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind);
            assertThat(ByteBufUtil.hexDump(out)).as("nothing written").isEqualTo("010203");
        } finally {
            out.release();
        }
    }
}
