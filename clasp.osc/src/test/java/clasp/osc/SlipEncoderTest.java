package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class SlipEncoderTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    private static byte[] encode(int... frame) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes(frame));
        try {
            return SlipEncoder.encode(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void aPlainFrameIsWrappedInEnds() {
        assertThat(encode(0x53, 0x01, 0x00, 0x00)).containsExactly(bytes(0xC0, 0x53, 0x01, 0x00, 0x00, 0xC0));
    }

    @Test
    void endAndEscInsideAFrameAreEscaped() {
        assertThat(encode(0xC0, 0x01, 0xDB, 0xDC, 0xDD))
                .containsExactly(bytes(0xC0, 0xDB, 0xDC, 0x01, 0xDB, 0xDD, 0xDC, 0xDD, 0xC0));
    }

    @Test
    void anEmptyFrameIsTwoEnds() {
        assertThat(encode()).containsExactly(bytes(0xC0, 0xC0));
    }

    @Test
    void onlyTheReadableBytesAreEncodedAndTheBufferIsLeftAsItWas() {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes(0x01, 0x02, 0xC0, 0x03));
        buf.readerIndex(1);
        try {
            assertThat(SlipEncoder.encode(buf)).containsExactly(bytes(0xC0, 0x02, 0xDB, 0xDC, 0x03, 0xC0));
            assertThat(buf.readerIndex()).isEqualTo(1);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void oscPacketsSurviveSlipOverAStreamInAnyPieces() throws Exception {
        OscMessage message = new OscMessage("/blob", new OscArgument.Blob(bytes(0xC0, 0xDB, 0xC0)), new OscArgument.Int32(-64));
        ByteBuf packet = Unpooled.wrappedBuffer(Packets.encode(message));
        ByteBuf stream = Unpooled.buffer();
        try {
            SlipEncoder.encode(packet, stream);
            SlipEncoder.encode(packet, stream);
            assertThat(stream.getByte(0)).isEqualTo(Slip.END);
            java.util.List<OscPacket> decoded = new java.util.ArrayList<>();
            SlipDecoder decoder = new SlipDecoder(1024, new SlipDecoder.Sink() {
                @Override public void frame(byte[] frame, int length) {
                    try {
                        decoded.add(Packets.decode(java.util.Arrays.copyOf(frame, length)));
                    } catch (OscFormatException e) {
                        throw new AssertionError(e);
                    }
                }

                @Override public void dropped(SlipDecoder.Drop reason) {
                    throw new AssertionError(reason);
                }
            });
            while (stream.isReadable()) decoder.feed(stream.readSlice(Math.min(3, stream.readableBytes())));
            assertThat(decoded).containsExactly(message, message);
        } finally {
            packet.release();
            stream.release();
        }
    }
}
