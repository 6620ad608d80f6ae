package clasp.bridge.sacn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * E1.31 packets byte for byte, written out by hand from the standard's layout (ANSI E1.31-2018 tables 4-1, 4-2, 4-3):
 * root layer at 0, framing layer at 38, DMP layer at 115 (universe at 113-114, start code at 125, slot 1 at 126).
 */
class E131CodecTest {
    static final UUID CID = UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10");
    private static final String ROOT_PREFIX = "0010 0000 4153432d45312e3137000000";   // preamble, post-amble, ASC-E1.17
    private static final String CID_HEX = "0102030405060708090a0b0c0d0e0f10";

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    static byte[] encode(E131Packet packet) {
        ByteBuf buf = Unpooled.buffer();
        try {
            E131Codec.encode(packet, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static E131Packet decode(byte[] bytes) throws MalformedPacket {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return E131Codec.decode(buf);
        } finally {
            buf.release();
        }
    }

    private static String name(String ascii) {
        StringBuilder h = new StringBuilder(HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII)));
        while (h.length() < 128) h.append("00");
        return h.toString();
    }

    private static byte[] fullDataPacket() {
        byte[] slots = new byte[512];
        slots[0] = (byte) 255;
        slots[1] = (byte) 128;
        slots[511] = 9;
        return encode(new E131Packet.Data(CID, "CLASP", 100, 0, 7, 0, 258, 0, slots));
    }

    @Test
    void aDataPacketOf512SlotsIs638BytesLaidOutAsTheStandardSays() throws Exception {
        byte[] bytes = fullDataPacket();
        byte[] header = hex(ROOT_PREFIX
                + "726e" + "00000004" + CID_HEX                           // root: flags+length 622, vector data, CID
                + "7258" + "00000002" + name("CLASP")                     // framing: flags+length 600, vector, name
                + "64" + "0000" + "07" + "00" + "0102"                    // priority 100, sync 0, sequence 7, options, universe 258
                + "720b" + "02" + "a1" + "0000" + "0001" + "0201"         // DMP: 523, set property, a1, first 0, increment 1, count 513
                + "00");                                                  // start code 0
        assertThat(bytes).hasSize(638);
        assertThat(Arrays.copyOf(bytes, 126)).isEqualTo(header);
        assertThat(bytes[113]).isEqualTo((byte) 0x01);
        assertThat(bytes[114]).isEqualTo((byte) 0x02);
        assertThat(bytes[125]).isZero();
        assertThat(bytes[126]).isEqualTo((byte) 0xff);
        assertThat(bytes[127]).isEqualTo((byte) 0x80);
        assertThat(bytes[637]).isEqualTo((byte) 9);

        E131Packet.Data d = (E131Packet.Data) decode(bytes);
        assertThat(d.cid()).isEqualTo(CID);
        assertThat(d.sourceName()).isEqualTo("CLASP");
        assertThat(new int[] {d.priority(), d.syncUniverse(), d.sequence(), d.options(), d.universe(), d.startCode()})
                .containsExactly(100, 0, 7, 0, 258, 0);
        assertThat(d.slots()).hasSize(512);
        assertThat(d.slots()[0] & 0xFF).isEqualTo(255);
        assertThat(d.slots()[511]).isEqualTo((byte) 9);
    }

    @Test
    void aShortDataPacketCountsItsLayersFromItsOwnLength() throws Exception {
        E131Packet.Data p = new E131Packet.Data(CID, "", 200, 7, 255, E131.OPTION_PREVIEW | E131.OPTION_TERMINATED
                | E131.OPTION_FORCE_SYNC, 63_999, 0xDD, new byte[] {1, 2, 3});
        byte[] bytes = encode(p);
        assertThat(bytes).isEqualTo(hex(ROOT_PREFIX + "7071" + "00000004" + CID_HEX    // 129 bytes: root 113
                + "705b" + "00000002" + name("")                                          // framing 91
                + "c8" + "0007" + "ff" + "e0" + "f9ff"                                     // 200, sync 7, 255, all options, 63999
                + "700e" + "02a1" + "0000" + "0001" + "0004"                               // DMP 14, count 4
                + "dd" + "010203"));
        E131Packet.Data d = (E131Packet.Data) decode(bytes);
        assertThat(d).isEqualTo(p);
        assertThat(d.preview()).isTrue();
        assertThat(d.terminated()).isTrue();
        assertThat(d.forceSync()).isTrue();
    }

    @Test
    void aSynchronizationPacketIs49Bytes() throws Exception {
        E131Packet.Sync s = new E131Packet.Sync(CID, 42, 7_000);
        byte[] bytes = encode(s);
        assertThat(bytes).isEqualTo(hex(ROOT_PREFIX + "7021" + "00000008" + CID_HEX   // root 33, vector extended
                + "700b" + "00000001" + "2a" + "1b58" + "0000"));                     // framing 11, sync, seq 42, 7000, reserved
        assertThat(decode(bytes)).isEqualTo(s);
    }

    @Test
    void aUniverseDiscoveryPageListsItsUniversesAfterPageAndLastPage() throws Exception {
        E131Packet.Discovery page = new E131Packet.Discovery(CID, "desk", 1, 2, new int[] {1, 2, 300});
        byte[] bytes = encode(page);
        assertThat(bytes).isEqualTo(hex(ROOT_PREFIX + "706e" + "00000008" + CID_HEX   // 126 bytes: root 110
                + "7058" + "00000002" + name("desk") + "00000000"                      // framing 88, discovery, name, reserved
                + "700e" + "00000001" + "01" + "02"                                    // list 14, vector, page 1 of 0-2
                + "0001" + "0002" + "012c"));
        assertThat(decode(bytes)).isEqualTo(page);
        byte[] empty = encode(new E131Packet.Discovery(CID, "desk", 0, 0, new int[0]));
        assertThat(empty).hasSize(120);
        int[] full = new int[512];
        for (int i = 0; i < full.length; i++) full[i] = i + 1;
        assertThat(encode(new E131Packet.Discovery(CID, "desk", 0, 0, full))).hasSize(120 + 1024);
        assertThat(((E131Packet.Discovery) decode(encode(new E131Packet.Discovery(CID, "desk", 0, 0, full)))).universes())
                .isEqualTo(full);
    }

    @Test
    void multicastGroupsFollowTheUniverseNumber() {
        assertThat(E131.multicastGroup(1).getHostAddress()).isEqualTo("239.255.0.1");
        assertThat(E131.multicastGroup(255).getHostAddress()).isEqualTo("239.255.0.255");
        assertThat(E131.multicastGroup(256).getHostAddress()).isEqualTo("239.255.1.0");
        assertThat(E131.multicastGroup(63_999).getHostAddress()).isEqualTo("239.255.249.255");
        assertThat(E131.multicastGroup(E131.DISCOVERY_UNIVERSE).getHostAddress()).isEqualTo("239.255.250.214");
    }

    @Test
    void sourceNamesAreCutToSixtyThreeBytesAtACharacterBoundary() throws Exception {
        String long70 = "x".repeat(70);
        byte[] b = E131.sourceNameBytes(long70);
        assertThat(b).hasSize(64);
        assertThat(b[62]).isEqualTo((byte) 'x');
        assertThat(b[63]).isZero();
        String accented = "x".repeat(62) + "é";   // é is two bytes: it does not fit after 62
        assertThat(E131.sourceNameBytes(accented)[62]).isZero();
        E131Packet.Data d = (E131Packet.Data) decode(encode(new E131Packet.Data(CID, "Bühne ✓", 100, 0, 0, 0, 1, 0, new byte[1])));
        assertThat(d.sourceName()).isEqualTo("Bühne ✓");
        assertThat(E131.cidOf("a")).isEqualTo(E131.cidOf("a")).isNotEqualTo(E131.cidOf("b"));
    }

    @Test
    void decodingReadsFromTheReaderIndexAndConsumesNothing() throws Exception {
        byte[] packet = fullDataPacket();
        ByteBuf buf = Unpooled.buffer();
        try {
            buf.writeBytes(new byte[] {9, 9, 9});
            buf.writeBytes(packet);
            buf.readerIndex(3);
            assertThat(((E131Packet.Data) E131Codec.decode(buf)).universe()).isEqualTo(258);
            assertThat(buf.readerIndex()).isEqualTo(3);
        } finally {
            buf.release();
        }
    }

    @Test
    void everyTruncationOfADataPacketIsRefused() {
        byte[] packet = fullDataPacket();
        for (int n = 0; n < packet.length; n++) {
            byte[] cut = Arrays.copyOf(packet, n);
            assertThat(catchThrowable(() -> decode(cut))).as("%d bytes", n).isInstanceOf(MalformedPacket.class);
        }
        assertThatThrownBy(() -> decode(new byte[10])).hasMessage("a datagram of 10 bytes is shorter than an E1.31 root layer (38)");
        assertThatThrownBy(() -> decode(Arrays.copyOf(packet, 600))).hasMessage("root layer length 622 runs past its end at 600");
    }

    @Test
    void fieldsOutsideWhatTheStandardAllowsAreRefusedWithTheReason() {
        refused(b -> b[1] = 0x11, "preamble size 0x11, not 0x0010: no E1.31 packet");
        refused(b -> b[3] = 1, "post-amble size 1, not 0: no E1.31 packet");
        refused(b -> b[5] = 'X', "no ACN packet identifier (ASC-E1.17)");
        refused(b -> b[16] = 0x32, "root layer flags 0x3, not 0x7");
        refused(b -> b[21] = 5, "root vector 0x5 is neither data (4) nor extended (8)");
        refused(b -> b[43] = 3, "data framing vector 0x3, not 0x2");
        refused(b -> b[38] = 0x73, "framing layer length 856 runs past its end at 638");
        refused(b -> b[108] = (byte) 201, "priority 201 is above 200");
        refused(b -> {
            b[109] = (byte) 0xfa;
            b[110] = (byte) 0xff;
        }, "synchronization universe 64255 is outside 1-63999");
        refused(b -> {
            b[113] = 0;
            b[114] = 0;
        }, "universe 0 is outside 1-63999");
        refused(b -> {
            b[113] = (byte) 0xfa;
            b[114] = 0;
        }, "universe 64000 is outside 1-63999");
        refused(b -> b[117] = 1, "DMP vector 0x1, not 0x2");
        refused(b -> b[118] = (byte) 0xa2, "DMP address and data type 0xa2, not 0xa1");
        refused(b -> b[120] = 1, "first property address 1, not 0");
        refused(b -> b[122] = 2, "address increment 2, not 1");
        refused(b -> {
            b[123] = 0;
            b[124] = 0;
        }, "property value count 0 is outside 1-513");
        refused(b -> {
            b[123] = 2;
            b[124] = 2;
        }, "property value count 514 is outside 1-513");
        refused(b -> b[116] = 0x0a, "property value count 513 needs 638 bytes, the DMP layer ends at 637");
    }

    /** Applies {@code change} to a valid full data packet and expects the decoder to refuse it with {@code reason}. */
    private static void refused(Consumer<byte[]> change, String reason) {
        byte[] b = fullDataPacket();
        change.accept(b);
        assertThatThrownBy(() -> decode(b)).isInstanceOf(MalformedPacket.class).hasMessage(reason);
    }

    @Test
    void extendedPacketsAreCheckedToo() {
        byte[] sync = encode(new E131Packet.Sync(CID, 1, 1));
        byte[] s = sync.clone();
        s[43] = 3;
        assertThatThrownBy(() -> decode(s)).hasMessage("extended framing vector 0x3 is neither synchronization (1) nor discovery (2)");
        byte[] zero = sync.clone();
        zero[46] = 0;
        assertThatThrownBy(() -> decode(zero)).hasMessage("synchronization universe 0 is outside 1-63999");
        assertThatThrownBy(() -> decode(Arrays.copyOf(sync, 44))).hasMessage("root layer length 33 runs past its end at 44");

        byte[] discovery = encode(new E131Packet.Discovery(CID, "d", 0, 0, new int[] {1, 2}));
        byte[] late = discovery.clone();
        late[118] = 3;
        assertThatThrownBy(() -> decode(late)).hasMessage("universe discovery page 3 is after the last page 0");
        byte[] vector = discovery.clone();
        vector[117] = 2;
        assertThatThrownBy(() -> decode(vector)).hasMessage("universe discovery vector 0x2, not 0x1");
        byte[] odd = Arrays.copyOf(discovery, discovery.length - 1);   // every layer one byte shorter
        odd[17]--;
        odd[39]--;
        odd[113]--;
        assertThatThrownBy(() -> decode(odd)).hasMessage("universe discovery list of 3 bytes is not whole universes");
    }

    @Test
    void randomDamageNeverThrowsAnythingButMalformedPacket() {
        Random random = new Random(1);
        byte[][] valid = {fullDataPacket(), encode(new E131Packet.Sync(CID, 1, 1)),
                encode(new E131Packet.Discovery(CID, "d", 0, 0, new int[] {1, 2, 3}))};
        for (int i = 0; i < 10_000; i++) {
            byte[] b = valid[i % valid.length].clone();
            int changes = 1 + random.nextInt(4);
            for (int c = 0; c < changes; c++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            byte[] cut = Arrays.copyOf(b, random.nextInt(4) == 0 ? random.nextInt(b.length + 1) : b.length);
            Throwable t = catchThrowable(() -> decode(cut));
            assertThat(t).as("damaged packet %d", i).satisfiesAnyOf(x -> assertThat(x).isNull(),
                    x -> assertThat(x).isInstanceOf(MalformedPacket.class));
        }
    }
}
