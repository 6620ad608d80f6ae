package clasp.bridge.sacn.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Facts of ANSI E1.31 (sACN) the codec and the bridge share (bridges.md §5.1): the port, the universe range, the
 * multicast group of a universe, the layer vectors and the option bits.
 */
final class E131 {
    static final int PORT = 5568;
    static final int MIN_UNIVERSE = 1;
    static final int MAX_UNIVERSE = 63_999;
    /** The universe whose multicast group carries universe discovery packets (239.255.250.214). */
    static final int DISCOVERY_UNIVERSE = 64_214;
    static final int MAX_PRIORITY = 200;
    static final int DEFAULT_PRIORITY = 100;
    /** Receivers discard a packet whose sequence is this much or less behind the last one (and not ahead). */
    static final int SEQUENCE_WINDOW = 20;
    /** A source not heard for this long is lost (E1.31 network data loss). */
    static final long SOURCE_TIMEOUT_NANOS = 2_500_000_000L;
    /** How often a source sends its universe discovery list. */
    static final long DISCOVERY_INTERVAL_NANOS = 10_000_000_000L;

    static final int SOURCE_NAME_BYTES = 64;
    /** The ACN packet identifier of the root layer: "ASC-E1.17" and three zeros. */
    static final byte[] ACN_PACKET_IDENTIFIER = {0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0, 0, 0};
    static final int PREAMBLE_SIZE = 0x0010;
    static final int FLAGS = 0x7;

    static final int VECTOR_ROOT_DATA = 0x00000004;
    static final int VECTOR_ROOT_EXTENDED = 0x00000008;
    static final int VECTOR_FRAMING_DATA = 0x00000002;
    static final int VECTOR_EXTENDED_SYNCHRONIZATION = 0x00000001;
    static final int VECTOR_EXTENDED_DISCOVERY = 0x00000002;
    static final int VECTOR_DMP_SET_PROPERTY = 0x02;
    static final int DMP_ADDRESS_AND_DATA_TYPE = 0xA1;
    static final int VECTOR_DISCOVERY_UNIVERSE_LIST = 0x00000001;

    static final int OPTION_PREVIEW = 0x80;
    static final int OPTION_TERMINATED = 0x40;
    static final int OPTION_FORCE_SYNC = 0x20;

    /** Where the layers start: root flags and length, framing layer, DMP layer, start code, slot 1. */
    static final int ROOT_PDU = 16;
    static final int FRAMING_PDU = 38;
    static final int DMP_PDU = 115;
    static final int START_CODE = 125;
    static final int FIRST_SLOT = 126;
    /** The discovery layer of a universe discovery packet, and its first universe. */
    static final int DISCOVERY_PDU = 112;
    static final int FIRST_DISCOVERED_UNIVERSE = 120;
    static final int SYNC_PACKET_BYTES = 49;
    /** Universes listed on one universe discovery page at most. */
    static final int UNIVERSES_PER_PAGE = 512;

    private E131() {
    }

    static boolean isUniverse(int universe) {
        return universe >= MIN_UNIVERSE && universe <= MAX_UNIVERSE;
    }

    /** The multicast group of {@code universe}: 239.255.{U >> 8}.{U & 0xFF}. */
    static InetAddress multicastGroup(int universe) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 239, (byte) 255, (byte) (universe >> 8), (byte) universe});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);   // four bytes are always an address
        }
    }

    /** The 64 bytes of a source name: UTF-8, cut at a character boundary to at most 63 bytes, NUL-padded. */
    static byte[] sourceNameBytes(String name) {
        byte[] out = new byte[SOURCE_NAME_BYTES];
        int length = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (length + encoded.length > SOURCE_NAME_BYTES - 1) break;
            System.arraycopy(encoded, 0, out, length, encoded.length);
            length += encoded.length;
            i += Character.charCount(cp);
        }
        return out;
    }

    /** The bridge's CID when none is configured: the same for every instance of one id, so a re-created instance is the same source. */
    static UUID cidOf(String bridgeId) {
        return UUID.nameUUIDFromBytes(("clasp.bridge.sacn/" + bridgeId).getBytes(StandardCharsets.UTF_8));
    }
}
