package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.QoS;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link ClaspCodec#withQos}: a copy with other QoS bits, every other byte (and the original) unchanged. */
class WithQosTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @Test void onlyTheQosBitsOfTheCopyChange() {
        // SET /a = 1 at QoS confirm with a timestamp (flags 0x61), read from offset 2 of a larger buffer.
        ByteBuf frame = Unpooled.wrappedBuffer(HEX.parseHex("FF FF 53 61 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01"));
        frame.readerIndex(2);
        ByteBuf fire = ClaspCodec.withQos(frame, QoS.FIRE);
        ByteBuf commit = ClaspCodec.withQos(frame, QoS.COMMIT);
        try {
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(fire))).isEqualTo("53 21 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01");
            assertThat(HEX.formatHex(ByteBufUtil.getBytes(commit))).isEqualTo("53 A1 00 0E 00 00 00 00 00 00 00 07 21 05 00 02 2F 61 00 00 00 00 00 00 00 01");
            assertThat(frame.readerIndex()).isEqualTo(2);
            assertThat((int) frame.getUnsignedByte(3)).isEqualTo(0x61);
        } finally {
            fire.release();
            commit.release();
            frame.release();
        }
    }
}
