package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-exact Art-Net packets both ways (bridges.md §4.1), and every refusal of a decoder. */
class CodecTest {
    private static final String ID = "4172742d4e657400";   // "Art-Net\0"

    @Test
    void aFullArtDmxIs530BytesWithTheHeaderLittleEndianOpCodeVersionSequencePortAddressAndBigEndianLength() {
        byte[] slots = new byte[512];
        for (int i = 0; i < slots.length; i++) slots[i] = (byte) (i + 1);
        ByteBuf out = Unpooled.buffer();
        try {
            new ArtDmx(7, 2, 0x1234, slots).encode(out);
            assertThat(out.readableBytes()).isEqualTo(530);
            assertThat(ByteBufUtil.hexDump(out, 0, 18)).isEqualTo(ID
                    + "0050"     // OpCode 0x5000, little-endian
                    + "000e"     // protocol version 14, high byte first
                    + "07"       // Sequence
                    + "02"       // Physical
                    + "34"       // SubUni: low 8 bits of the Port-Address
                    + "12"       // Net: bits 14-8
                    + "0200");   // Length 512, big-endian
            byte[] data = new byte[512];
            out.getBytes(18, data);
            assertThat(data).isEqualTo(slots);
        } finally {
            out.release();
        }
    }

    @Test
    void anOddNumberOfSlotsIsPaddedToAnEvenLength() {
        ByteBuf out = Unpooled.buffer();
        try {
            new ArtDmx(255, 0, 32767, new byte[] {10, 20, 30}).encode(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ID + "0050" + "000e" + "ff" + "00" + "ff" + "7f" + "0004" + "0a141e00");
        } finally {
            out.release();
        }
    }

    @Test
    void encodingFromALiveSlotArrayTakesTheLengthAsked() {
        byte[] slots = new byte[512];
        slots[0] = 1;
        slots[1] = 2;
        ByteBuf out = Unpooled.buffer();
        try {
            ArtDmx.encode(out, 1, 0, 3, slots, 2);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ID + "0050000e" + "0100" + "0300" + "0002" + "0102");
        } finally {
            out.release();
        }
    }

    @Test
    void theArtDmxOlaSendsDecodes() throws Exception {
        ByteBuf in = vector("ola-artdmx-u3.hex");
        try {
            ArtDmx dmx = ArtDmx.decode(in);
            assertThat(dmx.sequence()).isEqualTo(1);
            assertThat(dmx.physical()).isZero();
            assertThat(dmx.portAddress()).isEqualTo(3);
            assertThat(dmx.data()).containsExactly(42, 43, 44, 0);   // OLA pads 3 slots to 4
        } finally {
            in.release();
        }
    }

    @Test
    void artDmxRoundTripsAndTheNetBitAbovePortAddressesIsIgnored() throws Exception {
        ByteBuf out = Unpooled.buffer();
        try {
            new ArtDmx(0, 9, 0x0A05, new byte[] {(byte) 255, 0}).encode(out);
            out.setByte(15, 0x8A);   // the bit above Net's 7 is not part of the Port-Address
            ArtDmx dmx = ArtDmx.decode(out);
            assertThat(dmx.sequence()).isZero();
            assertThat(dmx.physical()).isEqualTo(9);
            assertThat(dmx.portAddress()).isEqualTo(0x0A05);
            assertThat(dmx.data()).containsExactly(255, 0);
        } finally {
            out.release();
        }
    }

    @Test
    void artDmxDecodingRefusesWhatIsNotOneWithTheReason() {
        assertRefused(ID + "00", "9 bytes are too short for an Art-Net header");
        assertRefused("4172742d4e65742100500000", "no Art-Net ID at the start");
        assertRefused(ID + "0020000e0000", "OpCode 0x2000 is not ArtDmx");
        assertRefused(ID + "0050000e01000300", "ArtDmx of 16 bytes, shorter than 18");
        assertRefused(ID + "0050000d010003000002" + "0102", "ArtDmx of protocol version 13, below 14");
        assertRefused(ID + "0050000e010003000000", "ArtDmx length 0 is outside 1-512");
        assertRefused(ID + "0050000e010003000202", "ArtDmx length 514 is outside 1-512");
        assertRefused(ID + "0050000e010003000004" + "0102", "ArtDmx length 4 but only 2 data bytes");
    }

    @Test
    void artDmxTakesAnOddLengthAndIgnoresBytesAfterTheData() throws Exception {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(ID + "0050000e010003000003" + "0102030405"));
        try {
            assertThat(ArtDmx.decode(in).data()).containsExactly(1, 2, 3);
        } finally {
            in.release();
        }
    }

    @Test
    void artPollAndArtSyncAre14Bytes() throws Exception {
        ByteBuf out = Unpooled.buffer();
        try {
            new ArtPoll(0x02, 0x10).encode(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ID + "0020" + "000e" + "02" + "10");
            assertThat(ArtPoll.decode(out)).isEqualTo(new ArtPoll(0x02, 0x10));
            out.clear();
            ArtSync.encode(out);
            assertThat(ByteBufUtil.hexDump(out)).isEqualTo(ID + "0052" + "000e" + "0000");
            ArtSync.decode(out);
        } finally {
            out.release();
        }
        ByteBuf shortPoll = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(ID + "0020000e02"));
        try {
            assertThatThrownBy(() -> ArtPoll.decode(shortPoll)).hasMessage("ArtPoll of 13 bytes, shorter than 14");
        } finally {
            shortPoll.release();
        }
    }

    @Test
    void anArtPollReplyIs239BytesWithTheFieldsOlaReadsAtTheirOffsets() throws Exception {
        List<ArtPollReply.Port> ports = List.of(
                new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT, 0, 0x80, 0, 3),
                new ArtPollReply.Port(ArtPollReply.TYPE_INPUT, 0x80, 0, 5, 0),
                new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT | ArtPollReply.TYPE_INPUT, 0x80, 0x8A, 9, 9));
        ArtPollReply reply = new ArtPollReply(new byte[] {127, 0, 0, 2}, 0x12, 0x3, "CLASP", "CLASP Art-Net bridge desk",
                "#0001 [0007] CLASP bridge OK", ports, ArtPollReply.STYLE_NODE, 2);
        ByteBuf out = Unpooled.buffer();
        try {
            reply.encode(out);
            assertThat(out.readableBytes()).isEqualTo(239);
            assertThat(ByteBufUtil.hexDump(out, 0, 10)).isEqualTo(ID + "0021");       // OpCode 0x2100
            assertThat(ByteBufUtil.hexDump(out, 10, 4)).isEqualTo("7f000002");        // IP
            assertThat(ByteBufUtil.hexDump(out, 14, 2)).isEqualTo("3619");            // Port 6454, little-endian
            assertThat(out.getUnsignedByte(18)).isEqualTo((short) 0x12);              // NetSwitch
            assertThat(out.getUnsignedByte(19)).isEqualTo((short) 0x3);               // SubSwitch
            assertThat(out.toString(26, 6, StandardCharsets.US_ASCII)).isEqualTo("CLASP\0");
            assertThat(out.toString(44, 26, StandardCharsets.US_ASCII)).isEqualTo("CLASP Art-Net bridge desk\0");
            assertThat(out.toString(108, 28, StandardCharsets.US_ASCII)).isEqualTo("#0001 [0007] CLASP bridge OK");
            assertThat(ByteBufUtil.hexDump(out, 172, 2)).isEqualTo("0003");            // NumPorts, big-endian
            assertThat(ByteBufUtil.hexDump(out, 174, 4)).isEqualTo("8040c000");        // PortTypes
            assertThat(ByteBufUtil.hexDump(out, 178, 4)).isEqualTo("00808000");        // GoodInput
            assertThat(ByteBufUtil.hexDump(out, 182, 4)).isEqualTo("80008a00");        // GoodOutput
            assertThat(ByteBufUtil.hexDump(out, 186, 4)).isEqualTo("00050900");        // SwIn
            assertThat(ByteBufUtil.hexDump(out, 190, 4)).isEqualTo("03000900");        // SwOut
            assertThat(out.getUnsignedByte(200)).isEqualTo((short) 0);                 // Style StNode
            assertThat(ByteBufUtil.hexDump(out, 207, 4)).isEqualTo("7f000002");        // BindIp
            assertThat(out.getUnsignedByte(211)).isEqualTo((short) 2);                 // BindIndex
            assertThat(out.getUnsignedByte(212)).isEqualTo((short) 0x08);              // Status2: 15-bit Port-Addresses

            ArtPollReply back = ArtPollReply.decode(out);
            assertThat(back.ip()).containsExactly(127, 0, 0, 2);
            assertThat(back.ports()).isEqualTo(ports);
            assertThat(back.shortName()).isEqualTo("CLASP");
            assertThat(back.longName()).isEqualTo("CLASP Art-Net bridge desk");
            assertThat(back.bindIndex()).isEqualTo(2);
            assertThat(back.outputUniverses()).containsExactly(0x1233, 0x1239);
            assertThat(back.inputUniverse(ports.get(1))).isEqualTo(0x1235);
        } finally {
            out.release();
        }
    }

    @Test
    void namesAreCutToTheirFieldsAndNonAsciiBecomesQuestionMarks() throws Exception {
        ArtPollReply reply = new ArtPollReply(new byte[4], 0, 0, "a very long short name", "Bühne", "", List.of(),
                ArtPollReply.STYLE_NODE, 1);
        ByteBuf out = Unpooled.buffer();
        try {
            reply.encode(out);
            ArtPollReply back = ArtPollReply.decode(out);
            assertThat(back.shortName()).isEqualTo("a very long short");   // 17 characters and the NUL
            assertThat(back.longName()).isEqualTo("B?hne");
            assertThat(back.ports()).isEmpty();
        } finally {
            out.release();
        }
    }

    @Test
    void theArtPollReplyOlaSendsDecodes() throws Exception {
        ByteBuf in = vector("ola-artpollreply.hex");
        try {
            assertThat(in.readableBytes()).isEqualTo(239);
            ArtPollReply reply = ArtPollReply.decode(in);
            assertThat(reply.ip()).containsExactly(127, 0, 0, 1);
            assertThat(reply.shortName()).isEqualTo("OLA - ArtNet node");
            assertThat(reply.nodeReport()).isEqualTo("#0001 [1] OLA");
            assertThat(reply.ports()).hasSize(4);
            // its input port 0, patched to universe 1, takes Art-Net: an output port; its output port 0 (universe 3) gives
            assertThat(reply.ports().get(0)).isEqualTo(new ArtPollReply.Port(0xC0, 0x00, 0x80, 3, 1));
            assertThat(reply.outputUniverses()).containsExactly(1, 0, 0, 0);
            assertThat(reply.bindIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void aShortArtPollReplyIsReadUpToSwOutAndAShorterOneRefused() throws Exception {
        ByteBuf full = Unpooled.buffer();
        try {
            new ArtPollReply(new byte[] {10, 0, 0, 9}, 1, 2, "n", "", "",
                    List.of(new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT, 0, 0, 0, 7)), ArtPollReply.STYLE_NODE, 1).encode(full);
            ByteBuf older = full.slice(0, 194);
            ArtPollReply reply = ArtPollReply.decode(older);
            assertThat(reply.outputUniverses()).containsExactly(0x127);
            assertThat(reply.bindIndex()).isZero();
            assertThatThrownBy(() -> ArtPollReply.decode(full.slice(0, 193)))
                    .hasMessage("ArtPollReply of 193 bytes, shorter than 194");
            assertThatThrownBy(() -> ArtDmx.decode(full)).hasMessage("OpCode 0x2100 is not ArtDmx");
        } finally {
            full.release();
        }
    }

    @Test
    void portAddressesSplitIntoNetSubNetAndUniverse() {
        assertThat(ArtNet.portAddress(0x7F, 0xF, 0xF)).isEqualTo(32767);
        assertThat(ArtNet.portAddress(1, 2, 3)).isEqualTo(0x123);
        assertThat(ArtNet.net(0x123)).isEqualTo(1);
        assertThat(ArtNet.subNet(0x123)).isEqualTo(2);
    }

    private static void assertRefused(String hex, String reason) {
        ByteBuf in = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        try {
            assertThatThrownBy(() -> ArtDmx.decode(in)).isInstanceOf(ArtNetFormatException.class).hasMessage(reason);
        } finally {
            in.release();
        }
    }

    static ByteBuf vector(String name) throws IOException {
        try (InputStream in = CodecTest.class.getResourceAsStream("/vectors/" + name)) {
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex));
        }
    }
}
