package clasp.bridge.artnet.internal;

import io.netty.buffer.ByteBuf;

/**
 * ArtDmx (OpCode 0x5000), one universe's slots (bridges.md §4.1): protocol version, Sequence (0: not sequenced, else
 * 1-255), Physical, the 15-bit Port-Address as SubUni (its low 8 bits) then Net (bits 14-8), the data length
 * big-endian, even and 2-512, then the slots (no start code). An odd number of slots is padded with a 0 to an even
 * length. A full universe is 530 bytes.
 *
 * @param data the slot values, slot 1 first; {@code data.length} of them are meant (1-512)
 */
record ArtDmx(int sequence, int physical, int portAddress, byte[] data) {
    static final int HEADER_BYTES = 18;
    static final int MAX_SLOTS = 512;
    /** A 512-slot ArtDmx. */
    static final int FULL_BYTES = HEADER_BYTES + MAX_SLOTS;

    ArtDmx {
        if (sequence < 0 || sequence > 255) throw new IllegalArgumentException("sequence " + sequence + " is outside 0-255");
        if (portAddress < 0 || portAddress > ArtNet.MAX_PORT_ADDRESS) {
            throw new IllegalArgumentException("Port-Address " + portAddress + " is outside 0-32767");
        }
        if (data.length < 1 || data.length > MAX_SLOTS) throw new IllegalArgumentException(data.length + " slots, not 1-512");
    }

    /** Writes this packet into {@code out}. */
    void encode(ByteBuf out) { encode(out, sequence, physical, portAddress, data, data.length); }

    /** Writes an ArtDmx of the first {@code length} (1-512) values of {@code slots} without copying them first. */
    static void encode(ByteBuf out, int sequence, int physical, int portAddress, byte[] slots, int length) {
        int even = length + (length & 1);
        ArtNet.writeVersionedHeader(out, ArtNet.OP_DMX);
        out.writeByte(sequence);
        out.writeByte(physical);
        out.writeByte(portAddress & 0xFF);           // SubUni
        out.writeByte((portAddress >> 8) & 0x7F);    // Net
        out.writeShort(even);
        out.writeBytes(slots, 0, length);
        if (even != length) out.writeByte(0);
    }

    /**
     * The ArtDmx in {@code in} (its reader index is left alone). A length of 1-512 is accepted, odd too; a length the
     * packet does not hold, or outside 1-512, is refused.
     */
    static ArtDmx decode(ByteBuf in) throws ArtNetFormatException {
        int at = ArtNet.check(in, ArtNet.OP_DMX, "ArtDmx", HEADER_BYTES, true);
        int sequence = in.getUnsignedByte(at + 12);
        int physical = in.getUnsignedByte(at + 13);
        int portAddress = in.getUnsignedByte(at + 14) | (in.getUnsignedByte(at + 15) & 0x7F) << 8;
        int length = in.getUnsignedShort(at + 16);
        if (length < 1 || length > MAX_SLOTS) throw new ArtNetFormatException("ArtDmx length " + length + " is outside 1-512");
        int present = in.readableBytes() - HEADER_BYTES;
        if (present < length) {
            throw new ArtNetFormatException("ArtDmx length " + length + " but only " + present + " data bytes");
        }
        byte[] data = new byte[length];
        in.getBytes(at + HEADER_BYTES, data);
        return new ArtDmx(sequence, physical, portAddress, data);
    }
}
