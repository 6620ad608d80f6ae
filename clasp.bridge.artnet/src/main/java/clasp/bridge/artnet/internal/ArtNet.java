package clasp.bridge.artnet.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * What every Art-Net 4 packet shares (bridges.md §4.1): the 8-byte ID {@code Art-Net\0}, then the OpCode as 16 bits
 * little-endian; most packets follow it with the protocol version, high byte first (0, 14).
 */
final class ArtNet {
    /** The Art-Net UDP port, 0x1936. */
    static final int PORT = 6454;
    static final int PROTOCOL_VERSION = 14;

    static final int OP_POLL = 0x2000;
    static final int OP_POLL_REPLY = 0x2100;
    static final int OP_DMX = 0x5000;
    static final int OP_SYNC = 0x5200;

    /** The highest 15-bit Port-Address: Net (7 bits), Sub-Net (4 bits), Universe (4 bits). */
    static final int MAX_PORT_ADDRESS = 0x7FFF;

    private static final byte[] ID = "Art-Net\0".getBytes(StandardCharsets.US_ASCII);
    /** ID and OpCode. */
    static final int HEADER_BYTES = 10;

    private ArtNet() {
    }

    /** Writes the ID and the OpCode. */
    static void writeHeader(ByteBuf out, int opCode) {
        out.writeBytes(ID);
        out.writeShortLE(opCode);
    }

    /** Writes the ID, the OpCode and the protocol version 14. */
    static void writeVersionedHeader(ByteBuf out, int opCode) {
        writeHeader(out, opCode);
        out.writeShort(PROTOCOL_VERSION);
    }

    /** The OpCode of the packet in {@code in} (not moving its reader index), after checking the ID. */
    static int opCode(ByteBuf in) throws ArtNetFormatException {
        int at = in.readerIndex();
        if (in.readableBytes() < HEADER_BYTES) {
            throw new ArtNetFormatException(in.readableBytes() + " bytes are too short for an Art-Net header");
        }
        for (int i = 0; i < ID.length; i++) {
            if (in.getByte(at + i) != ID[i]) throw new ArtNetFormatException("no Art-Net ID at the start");
        }
        return in.getUnsignedShortLE(at + ID.length);
    }

    /**
     * Checks that {@code in} holds at least {@code size} bytes of a packet with {@code opCode} and, for the packets
     * that carry one, a protocol version of 14 or more; returns the reader index of the packet's start.
     */
    static int check(ByteBuf in, int opCode, String name, int size, boolean versioned) throws ArtNetFormatException {
        int op = opCode(in);
        if (op != opCode) throw new ArtNetFormatException(String.format("OpCode 0x%04x is not %s", op, name));
        if (in.readableBytes() < size) {
            throw new ArtNetFormatException(name + " of " + in.readableBytes() + " bytes, shorter than " + size);
        }
        int at = in.readerIndex();
        if (versioned) {
            int version = in.getUnsignedShort(at + HEADER_BYTES);
            if (version < PROTOCOL_VERSION) {
                throw new ArtNetFormatException(name + " of protocol version " + version + ", below " + PROTOCOL_VERSION);
            }
        }
        return at;
    }

    /** Net (bits 14-8) of a Port-Address. */
    static int net(int portAddress) { return (portAddress >> 8) & 0x7F; }

    /** Sub-Net (bits 7-4) of a Port-Address. */
    static int subNet(int portAddress) { return (portAddress >> 4) & 0x0F; }

    /** The Port-Address of a Net, Sub-Net and Universe. */
    static int portAddress(int net, int subNet, int universe) {
        return (net & 0x7F) << 8 | (subNet & 0x0F) << 4 | (universe & 0x0F);
    }
}
