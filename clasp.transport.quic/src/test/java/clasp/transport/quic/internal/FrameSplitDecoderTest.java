package clasp.transport.quic.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameSplitDecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static List<String> frames(EmbeddedChannel channel) {
        List<String> out = new ArrayList<>();
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            out.add(HEX.formatHex(ByteBufUtil.getBytes(frame)));
            frame.release();
        }
        return out;
    }

    @Test
    void aFrameArrivingByteByByteIsHandedOnOnceWhole() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameSplitDecoder(65_547));
        byte[] frame = HEX.parseHex("53010003" + "0a0b0c");
        for (int i = 0; i < frame.length - 1; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {frame[i]}));
            assertThat(frames(channel)).isEmpty();
        }
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {frame[frame.length - 1]}));
        assertThat(frames(channel)).containsExactly("530100030a0b0c");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void oneReadWithSeveralFramesAndAPieceGivesEachWholeFrameAndKeepsThePiece() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameSplitDecoder(65_547));
        // a plain frame, a timestamped one (flag 0x20: 8 more bytes than its payload length), the start of a third
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex(
                "5301000101" + "532100020102030405060708" + "aabb" + "530100")));
        assertThat(frames(channel)).containsExactly("5301000101", "532100020102030405060708aabb");
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("02ccdd")));
        assertThat(frames(channel)).containsExactly("53010002ccdd");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aHeaderAboveTheLimitFailsOnceAndEverythingAfterItIsDiscarded() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameSplitDecoder(10));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("5301000701"))))
                .isInstanceOf(TooLongFrameException.class).hasMessage("TOO_LARGE at offset 2: frame of 11 bytes exceeds 10");
        channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("5301000101")));
        assertThat(frames(channel)).isEmpty();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void bytesNotStartingWithTheMagicAreCorrupt() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameSplitDecoder(65_547));
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(HEX.parseHex("5301000101" + "47455420"))))
                .isInstanceOf(CorruptedFrameException.class).hasMessage("BAD_MAGIC at offset 0: expected magic 0x53, got 0x47");
        assertThat(frames(channel)).containsExactly("5301000101");
        assertThat(channel.finish()).isFalse();
    }
}
