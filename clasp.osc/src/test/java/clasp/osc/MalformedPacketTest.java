package clasp.osc;

import static clasp.osc.Packets.decode;
import static clasp.osc.Packets.encode;
import static clasp.osc.Packets.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each kind of malformed input gives the one checked exception with its reason, never another exception. */
class MalformedPacketTest {
    private static void refused(byte[] bytes, String reason) {
        assertThatThrownBy(() -> decode(bytes)).isExactlyInstanceOf(OscFormatException.class).hasMessageContaining(reason);
    }

    private static void refused(OscLimits limits, byte[] bytes, String reason) {
        assertThatThrownBy(() -> decode(new OscDecoder(limits), bytes))
                .isExactlyInstanceOf(OscFormatException.class).hasMessageContaining(reason);
    }

    @Test
    void emptyPacket() {
        refused(new byte[0], "empty packet");
    }

    @Test
    void everyTruncationOfAValidMessageIsRefused() {
        byte[] whole = encode(new OscMessage("/a/b", new OscArgument.Int32(1), new OscArgument.Float64(2.5),
                new OscArgument.Text("hello"), new OscArgument.Blob(new byte[] {1, 2, 3})));
        for (int length = 1; length < whole.length; length++) {
            if (length == 8) continue; // "/a/b" and its padding alone: a message without type tags (old OSC 1.0 senders)
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> decode(cut)).as("cut at %d", length).isExactlyInstanceOf(OscFormatException.class);
        }
    }

    @Test
    void aMessageCutRightAfterItsAddressIsOneWithoutArguments() throws Exception {
        assertThat(decode(hex("2f612f62 00000000"))).isEqualTo(new OscMessage("/a/b"));
    }

    @Test
    void truncatedArgument() {
        refused(hex("2f610000 2c690000"), "int32 argument needs 4 bytes, 0 left (at byte 8)");
        refused(hex("2f610000 2c680000 00000001"), "int64 argument needs 8 bytes, 4 left");
    }

    @Test
    void lengthNotAMultipleOfFour() {
        refused(hex("2f610000 2c6900"), "packet of 7 bytes is not a multiple of 4");
    }

    @Test
    void missingOrNonZeroPadding() {
        refused(hex("2f616200 2c000000 2c730000 61626364 00"), "not a multiple of 4");
        refused(hex("2f610000 2c730000 61626300 61626364 00000000"), "bytes after the last argument");
        refused(hex("2f610001 2c000000"), "address padding is not zero (at byte 3)");
        refused(hex("2f610000 2c620000 00000001 09010000"), "blob padding is not zero (at byte 13)");
    }

    @Test
    void unknownTypeTag() {
        refused(hex("2f610000 2c780000"), "unknown type tag 'x' (at byte 5)");
    }

    @Test
    void stringWithoutNul() {
        refused(hex("2f616263"), "address has no NUL terminator");
        refused(hex("2f610000 2c730000 61626364"), "string argument has no NUL terminator");
    }

    @Test
    void stringThatIsNotUtf8() {
        refused(hex("2f610000 2c730000 ff000000"), "string argument is not valid UTF-8 (at byte 8)");
    }

    @Test
    void badBlobLength() {
        refused(hex("2f610000 2c620000 00000009 01020304"), "blob of 9 bytes runs past the end (4 left)");
        refused(hex("2f610000 2c620000 ffffffff"), "blob size -1 is negative");
    }

    @Test
    void badTypeTagString() {
        refused(hex("2f610000 69000000"), "type tag string does not start with ','");
        refused(hex("2f610000 2c5b6900 00000001"), "'[' without ']'");
        refused(hex("2f610000 2c5d0000"), "']' without '['");
    }

    @Test
    void aCharThatIsNoCodePoint() {
        refused(hex("2f610000 2c630000 00110000"), "char argument 0x00110000 is not a Unicode code point");
    }

    @Test
    void neitherMessageNorBundle() {
        refused(hex("61626300"), "packet starts with neither '/' nor '#bundle'");
        refused(hex("2362756e 646c6500 000000"), "not a multiple of 4");
        refused(hex("2362756e 646c6500 00000000"), "timetag needs 8 bytes, 4 left");
    }

    @Test
    void badBundleElementSize() {
        refused(hex("2362756e 646c6500 00000000 00000001 00000010 2f610000 2c000000"),
                "bundle element of 16 bytes runs past the end of the bundle (at byte 16)");
        refused(hex("2362756e 646c6500 00000000 00000001 00000006 2f610000 2c000000"),
                "bundle element size 6 is not a positive multiple of 4");
        refused(hex("2362756e 646c6500 00000000 00000001 00000000"), "bundle element size 0");
    }

    @Test
    void tooDeep() {
        OscPacket deep = new OscMessage("/m");
        for (int i = 0; i < 3; i++) deep = new OscBundle(OscTimetag.IMMEDIATELY, deep);
        byte[] threeBundles = encode(deep);
        refused(new OscLimits(1024, 16, 2, 2), threeBundles, "bundles nested deeper than the limit of 2");
        assertThat(decodes(new OscLimits(1024, 16, 3, 2), threeBundles)).isTrue();

        byte[] threeArrays = encode(new OscMessage("/m", new OscArgument.Array(new OscArgument.Array(
                new OscArgument.Array(new OscArgument.Int32(1))))));
        refused(new OscLimits(1024, 16, 2, 2), threeArrays, "arrays nested deeper than the limit of 2");
        assertThat(decodes(new OscLimits(1024, 16, 2, 3), threeArrays)).isTrue();
    }

    @Test
    void tooManyArgumentsOrBytes() {
        byte[] three = encode(new OscMessage("/m", OscArgument.TRUE, OscArgument.NIL, new OscArgument.Array(OscArgument.FALSE)));
        refused(new OscLimits(1024, 2, 2, 2), three, "more arguments than the limit of 2");
        assertThat(decodes(new OscLimits(1024, 3, 2, 2), three)).isTrue();
        refused(new OscLimits(three.length - 4, 8, 2, 2), three,
                "packet of " + three.length + " bytes exceeds the limit of " + (three.length - 4));
    }

    private static boolean decodes(OscLimits limits, byte[] bytes) {
        try {
            decode(new OscDecoder(limits), bytes);
            return true;
        } catch (OscFormatException e) {
            return false;
        }
    }
}
