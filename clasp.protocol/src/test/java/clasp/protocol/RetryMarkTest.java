package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.SetMessage;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The retry mark (flags 0x08 with 0x20: the u64 after the header is a retry id), byte-exact both ways. */
class RetryMarkTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private static final SetMessage SET_A_1 = new SetMessage("/a", Value.of(1L));
    /** SET /a = 1 at QoS confirm, retry id 7: flags 0x69 = confirm 0x40 | 0x20 | retry 0x08 | version 1. */
    private static final String MARKED = "53 69 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01";

    private final ClaspCodec codec = ClaspCodec.defaults();

    @Test void aRetryableFrameEncodesItsIdInTheTimestampSlotWithBit3() throws Exception {
        assertThat(HEX.formatHex(codec.encode(Frame.retryable(SET_A_1, QoS.CONFIRM, 7)))).isEqualTo(MARKED);
        assertThat(HEX.formatHex(codec.encode(Frame.retryable(SET_A_1, QoS.COMMIT, 0xFFFF_FFFF_FFFF_FFFFL))))
                .startsWith("53 A9 00 0E FF FF FF FF FF FF FF FF 21");
    }

    @Test void aMarkedFrameDecodesToItsRetryIdAndNoTimestamp() throws Exception {
        Frame f = codec.decode(HEX.parseHex(MARKED));
        assertThat(f).isEqualTo(new Frame(SET_A_1, QoS.CONFIRM, null, 7L));
        assertThat(f.isRetryable()).isTrue();
        assertThat(HEX.formatHex(codec.encode(f))).isEqualTo(MARKED);
        assertThat(ClaspCodec.frameLength(io.netty.buffer.Unpooled.wrappedBuffer(HEX.parseHex(MARKED)))).isEqualTo(26);
    }

    @Test void withoutTheMarkTheFieldIsATimestampAndBit3AloneChangesNothing() throws Exception {
        // What the JS 3.3.2 encoder can produce: 0x61 (confirm, timestamp, version 1) and 0x41; it never sets 0x08.
        Frame stamped = codec.decode(HEX.parseHex("53 61 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01"));
        assertThat(stamped).isEqualTo(new Frame(SET_A_1, QoS.CONFIRM, 7L, null));
        assertThat(stamped.isRetryable()).isFalse();
        Frame bit3Only = codec.decode(HEX.parseHex("53 49 00 0E 21 05 00 02 2F 61 00 00 00 00 00 00 00 01"));
        assertThat(bit3Only).isEqualTo(new Frame(SET_A_1, QoS.CONFIRM, null, null));
    }

    @Test void aFrameCannotCarryBothATimestampAndARetryId() {
        assertThatThrownBy(() -> new Frame(SET_A_1, QoS.CONFIRM, 1L, 2L)).isInstanceOf(IllegalArgumentException.class);
    }
}
