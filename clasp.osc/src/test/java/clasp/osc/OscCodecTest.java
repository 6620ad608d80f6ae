package clasp.osc;

import static clasp.osc.Packets.decode;
import static clasp.osc.Packets.encode;
import static clasp.osc.Packets.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OscCodecTest {
    static Stream<OscArgument> everyTag() {
        return Stream.of(
                new OscArgument.Int32(-7), new OscArgument.Float32(2.5f), new OscArgument.Text("héllo"),
                new OscArgument.Blob(new byte[] {1, 2, 3, 4, 5}), OscArgument.TRUE, OscArgument.FALSE, OscArgument.NIL,
                OscArgument.IMPULSE, new OscArgument.Int64(1L << 40), new OscArgument.Float64(3.25),
                new OscArgument.Timetag(new OscTimetag(0xEEC0484B7C7357E5L)), new OscArgument.Char('x'),
                new OscArgument.Rgba(255, 0, 128, 7), new OscArgument.Midi(0, 0x90, 60, 127),
                new OscArgument.Symbol("sym"),
                new OscArgument.Array(new OscArgument.Int32(1), new OscArgument.Array(new OscArgument.Text("in"))));
    }

    @ParameterizedTest
    @MethodSource("everyTag")
    void everyTagRoundTripsThroughTheWire(OscArgument argument) throws Exception {
        OscMessage message = new OscMessage("/t", argument, new OscArgument.Int32(9));
        byte[] bytes = encode(message);
        assertThat(bytes.length % 4).isZero();
        assertThat(decode(bytes)).isEqualTo(message);
    }

    @Test
    void aMessageIsWrittenWithExactPadding() {
        // the OSC 1.0 spec example: "/oscillator/4/frequency" ,f 440.0
        assertThat(encode(new OscMessage("/oscillator/4/frequency", new OscArgument.Float32(440.0f)))).isEqualTo(hex(
                "2f6f7363 696c6c61 746f722f 342f6672 65717565 6e637900 2c660000 43dc0000"));
        assertThat(encode(new OscMessage("/foo", new OscArgument.Int32(1000), new OscArgument.Int32(-1),
                new OscArgument.Text("hello"), new OscArgument.Float32(1.234f), new OscArgument.Float32(5.678f))))
                .isEqualTo(hex("2f666f6f 00000000 2c696973 66660000 000003e8 ffffffff 68656c6c 6f000000"
                        + "3f9df3b6 40b5b22d"));
    }

    @Test
    void aBlobIsSizedAndPadded() {
        assertThat(encode(new OscMessage("/b", new OscArgument.Blob(new byte[] {9, 8, 7, 6, 5}))))
                .isEqualTo(hex("2f620000 2c620000 00000005 09080706 05000000"));
        assertThat(encode(new OscMessage("/b", new OscArgument.Blob(new byte[0]))))
                .isEqualTo(hex("2f620000 2c620000 00000000"));
    }

    @Test
    void arraysTagsAndNoDataTagsAreWritten() {
        assertThat(encode(new OscMessage("/a", new OscArgument.Array(new OscArgument.Int32(1), OscArgument.TRUE),
                OscArgument.NIL, OscArgument.IMPULSE)))
                .isEqualTo(hex("2f610000 2c5b6954 5d4e4900 00000001"));
    }

    @Test
    void aMessageWithoutArgumentsHasAnEmptyTypeTagString() throws Exception {
        assertThat(encode(new OscMessage("/cue/go"))).isEqualTo(hex("2f637565 2f676f00 2c000000"));
        assertThat(decode(hex("2f637565 2f676f00"))).isEqualTo(new OscMessage("/cue/go")); // OSC 1.0 without tags
    }

    @Test
    void bundlesNestAndCarryTheirTimetag() throws Exception {
        OscBundle bundle = new OscBundle(OscTimetag.IMMEDIATELY,
                new OscMessage("/x", new OscArgument.Float32(1)),
                new OscBundle(new OscTimetag(0x0102030405060708L), new OscMessage("/y", new OscArgument.Float32(0))));
        byte[] bytes = encode(bundle);
        assertThat(bytes).isEqualTo(hex("2362756e 646c6500 00000000 00000001"
                + "0000000c 2f780000 2c660000 3f800000"
                + "00000020 2362756e 646c6500 01020304 05060708 0000000c 2f790000 2c660000 00000000"));
        assertThat(decode(bytes)).isEqualTo(bundle);
    }

    @Test
    void decodingLeavesTheBufferAsItWas() throws Exception {
        ByteBuf buf = Unpooled.wrappedBuffer(encode(new OscMessage("/a", new OscArgument.Int32(1))));
        try {
            Packets.DECODER.decode(buf);
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            buf.release();
        }
    }

    @Test
    void randomPacketsRoundTrip() throws Exception {
        Random random = new Random(20_261_207L);
        for (int n = 0; n < 2_000; n++) {
            OscPacket packet = randomPacket(random, 0);
            assertThat(decode(encode(packet))).as("packet %d", n).isEqualTo(packet);
        }
    }

    @Test
    void anyCorruptionOfAValidPacketDecodesOrThrowsOnlyTheFormatException() {
        Random random = new Random(7L);
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] bytes = encode(randomPacket(random, 0));
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            if (random.nextInt(4) == 0) bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            try {
                decode(bytes);
            } catch (OscFormatException expected) {
                refused++;
            }
        }
        assertThat(refused).isPositive();
    }

    private static OscPacket randomPacket(Random random, int depth) {
        if (depth < 3 && random.nextInt(5) == 0) {
            List<OscPacket> elements = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) elements.add(randomPacket(random, depth + 1));
            return new OscBundle(new OscTimetag(random.nextLong()), elements);
        }
        List<OscArgument> arguments = new ArrayList<>();
        for (int i = random.nextInt(6); i > 0; i--) arguments.add(randomArgument(random, 0));
        return new OscMessage("/r" + "abcdefgh".substring(random.nextInt(8)), arguments);
    }

    private static OscArgument randomArgument(Random random, int depth) {
        switch (random.nextInt(depth < 2 ? 16 : 15)) {
            case 0: return new OscArgument.Int32(random.nextInt());
            case 1: return new OscArgument.Int64(random.nextLong());
            case 2: return new OscArgument.Float32(Float.intBitsToFloat(random.nextInt()));
            case 3: return new OscArgument.Float64(Double.longBitsToDouble(random.nextLong()));
            case 4: return new OscArgument.Text("s".repeat(random.nextInt(9)));
            case 5: return new OscArgument.Symbol("é".repeat(random.nextInt(5)));
            case 6: {
                byte[] blob = new byte[random.nextInt(9)];
                random.nextBytes(blob);
                return new OscArgument.Blob(blob);
            }
            case 7: return random.nextBoolean() ? OscArgument.TRUE : OscArgument.FALSE;
            case 8: return OscArgument.NIL;
            case 9: return OscArgument.IMPULSE;
            case 10: return new OscArgument.Timetag(new OscTimetag(random.nextLong()));
            case 11: return new OscArgument.Char(random.nextInt(0x11_0000));
            case 12: return new OscArgument.Rgba(random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256));
            case 13: return new OscArgument.Midi(random.nextInt(256), random.nextInt(256), random.nextInt(256), random.nextInt(256));
            case 14: return new OscArgument.Text("");
            default: {
                List<OscArgument> items = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) items.add(randomArgument(random, depth + 1));
                return new OscArgument.Array(items);
            }
        }
    }
}
