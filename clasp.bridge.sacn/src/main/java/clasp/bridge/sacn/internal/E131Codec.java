package clasp.bridge.sacn.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * E1.31 packets to bytes and back (bridges.md §5.1). Every packet has a root layer (preamble size, post-amble size,
 * the ACN packet identifier, flags and length, vector, CID), then a framing layer chosen by the root vector: data
 * (4), or extended (8) with synchronisation or universe discovery. Every "flags and length" field is 0x7 in the top
 * four bits and the length of its layer, counted from that field to the end of the packet. Multi-byte numbers are
 * big-endian. Decoding checks every field it reads against the bytes there are and the ranges E1.31 allows, and
 * refuses a packet with the reason; bytes after the root layer's length are ignored. Stateless.
 */
final class E131Codec {
    private E131Codec() {
    }

    /** The bytes of a data packet with {@code slots.length} slots (512: 638 bytes). */
    static int dataLength(int slots) { return E131.FIRST_SLOT + slots; }

    static void encode(E131Packet packet, ByteBuf out) {
        if (packet instanceof E131Packet.Data d) encodeData(d, out);
        else if (packet instanceof E131Packet.Sync s) encodeSync(s, out);
        else encodeDiscovery((E131Packet.Discovery) packet, out);
    }

    private static void encodeData(E131Packet.Data d, ByteBuf out) {
        if (d.slots().length > 512) throw new IllegalArgumentException("at most 512 slots, not " + d.slots().length);
        int length = dataLength(d.slots().length);
        root(out, length, E131.VECTOR_ROOT_DATA, d.cid());
        out.writeShort(flagsAndLength(length - E131.FRAMING_PDU));
        out.writeInt(E131.VECTOR_FRAMING_DATA);
        out.writeBytes(E131.sourceNameBytes(d.sourceName()));
        out.writeByte(d.priority());
        out.writeShort(d.syncUniverse());
        out.writeByte(d.sequence());
        out.writeByte(d.options());
        out.writeShort(d.universe());
        out.writeShort(flagsAndLength(length - E131.DMP_PDU));
        out.writeByte(E131.VECTOR_DMP_SET_PROPERTY);
        out.writeByte(E131.DMP_ADDRESS_AND_DATA_TYPE);
        out.writeShort(0);                       // first property address
        out.writeShort(1);                       // address increment
        out.writeShort(d.slots().length + 1);    // property value count: the start code and the slots
        out.writeByte(d.startCode());
        out.writeBytes(d.slots());
    }

    private static void encodeSync(E131Packet.Sync s, ByteBuf out) {
        root(out, E131.SYNC_PACKET_BYTES, E131.VECTOR_ROOT_EXTENDED, s.cid());
        out.writeShort(flagsAndLength(E131.SYNC_PACKET_BYTES - E131.FRAMING_PDU));
        out.writeInt(E131.VECTOR_EXTENDED_SYNCHRONIZATION);
        out.writeByte(s.sequence());
        out.writeShort(s.syncUniverse());
        out.writeShort(0);                       // reserved
    }

    private static void encodeDiscovery(E131Packet.Discovery d, ByteBuf out) {
        int[] universes = d.universes();
        if (universes.length > E131.UNIVERSES_PER_PAGE) throw new IllegalArgumentException("at most 512 universes a page");
        int length = E131.FIRST_DISCOVERED_UNIVERSE + 2 * universes.length;
        root(out, length, E131.VECTOR_ROOT_EXTENDED, d.cid());
        out.writeShort(flagsAndLength(length - E131.FRAMING_PDU));
        out.writeInt(E131.VECTOR_EXTENDED_DISCOVERY);
        out.writeBytes(E131.sourceNameBytes(d.sourceName()));
        out.writeInt(0);                         // reserved
        out.writeShort(flagsAndLength(length - E131.DISCOVERY_PDU));
        out.writeInt(E131.VECTOR_DISCOVERY_UNIVERSE_LIST);
        out.writeByte(d.page());
        out.writeByte(d.lastPage());
        for (int u : universes) out.writeShort(u);
    }

    private static void root(ByteBuf out, int length, int vector, UUID cid) {
        out.writeShort(E131.PREAMBLE_SIZE);
        out.writeShort(0);                       // post-amble size
        out.writeBytes(E131.ACN_PACKET_IDENTIFIER);
        out.writeShort(flagsAndLength(length - E131.ROOT_PDU));
        out.writeInt(vector);
        out.writeLong(cid.getMostSignificantBits());
        out.writeLong(cid.getLeastSignificantBits());
    }

    private static int flagsAndLength(int length) { return E131.FLAGS << 12 | length; }

    // ---- decoding

    /** The packet in {@code in}'s readable bytes (which it does not consume). */
    static E131Packet decode(ByteBuf in) throws MalformedPacket {
        Reader r = new Reader(in);
        if (r.size < E131.FRAMING_PDU) throw new MalformedPacket("a datagram of " + r.size + " bytes is shorter than an E1.31 root layer (38)");
        if (r.u16(0) != E131.PREAMBLE_SIZE) throw new MalformedPacket("preamble size 0x" + Integer.toHexString(r.u16(0)) + ", not 0x0010: no E1.31 packet");
        if (r.u16(2) != 0) throw new MalformedPacket("post-amble size " + r.u16(2) + ", not 0: no E1.31 packet");
        for (int i = 0; i < E131.ACN_PACKET_IDENTIFIER.length; i++) {
            if (r.u8(4 + i) != (E131.ACN_PACKET_IDENTIFIER[i] & 0xFF)) throw new MalformedPacket("no ACN packet identifier (ASC-E1.17)");
        }
        int end = r.pdu(E131.ROOT_PDU, r.size, "root");
        if (end < E131.FRAMING_PDU) throw new MalformedPacket("root layer length " + (end - E131.ROOT_PDU) + " is shorter than its header (22)");
        int vector = r.i32(18);
        UUID cid = new UUID(r.i64(22), r.i64(30));
        if (vector == E131.VECTOR_ROOT_DATA) return data(r, end, cid);
        if (vector == E131.VECTOR_ROOT_EXTENDED) return extended(r, end, cid);
        throw new MalformedPacket("root vector 0x" + Integer.toHexString(vector) + " is neither data (4) nor extended (8)");
    }

    private static E131Packet.Data data(Reader r, int rootEnd, UUID cid) throws MalformedPacket {
        int end = r.pdu(E131.FRAMING_PDU, rootEnd, "framing");
        if (end < E131.FIRST_SLOT) throw new MalformedPacket("data packet of " + end + " bytes is shorter than its headers and start code (126)");
        int vector = r.i32(40);
        if (vector != E131.VECTOR_FRAMING_DATA) throw new MalformedPacket("data framing vector 0x" + Integer.toHexString(vector) + ", not 0x2");
        String name = r.name(44);
        int priority = r.u8(108);
        if (priority > E131.MAX_PRIORITY) throw new MalformedPacket("priority " + priority + " is above 200");
        int syncUniverse = r.u16(109);
        if (syncUniverse != 0 && !E131.isUniverse(syncUniverse)) throw new MalformedPacket("synchronization universe " + syncUniverse + " is outside 1-63999");
        int sequence = r.u8(111);
        int options = r.u8(112);
        int universe = r.u16(113);
        if (!E131.isUniverse(universe)) throw new MalformedPacket("universe " + universe + " is outside 1-63999");
        int dmpEnd = r.pdu(E131.DMP_PDU, end, "DMP");
        if (r.u8(117) != E131.VECTOR_DMP_SET_PROPERTY) throw new MalformedPacket("DMP vector 0x" + Integer.toHexString(r.u8(117)) + ", not 0x2");
        if (r.u8(118) != E131.DMP_ADDRESS_AND_DATA_TYPE) throw new MalformedPacket("DMP address and data type 0x" + Integer.toHexString(r.u8(118)) + ", not 0xa1");
        if (r.u16(119) != 0) throw new MalformedPacket("first property address " + r.u16(119) + ", not 0");
        if (r.u16(121) != 1) throw new MalformedPacket("address increment " + r.u16(121) + ", not 1");
        int count = r.u16(123);
        if (count < 1 || count > 513) throw new MalformedPacket("property value count " + count + " is outside 1-513");
        if (E131.START_CODE + count > dmpEnd) {
            throw new MalformedPacket("property value count " + count + " needs " + (E131.START_CODE + count) + " bytes, the DMP layer ends at " + dmpEnd);
        }
        byte[] slots = r.bytes(E131.FIRST_SLOT, count - 1);
        return new E131Packet.Data(cid, name, priority, syncUniverse, sequence, options, universe, r.u8(E131.START_CODE), slots);
    }

    private static E131Packet extended(Reader r, int rootEnd, UUID cid) throws MalformedPacket {
        if (rootEnd < E131.FRAMING_PDU + 6) throw new MalformedPacket("extended packet of " + rootEnd + " bytes has no framing vector");
        int end = r.pdu(E131.FRAMING_PDU, rootEnd, "framing");
        int vector = r.i32(40);
        if (vector == E131.VECTOR_EXTENDED_SYNCHRONIZATION) {
            if (end < E131.SYNC_PACKET_BYTES) throw new MalformedPacket("synchronization packet of " + end + " bytes is shorter than 49");
            int syncUniverse = r.u16(45);
            if (!E131.isUniverse(syncUniverse)) throw new MalformedPacket("synchronization universe " + syncUniverse + " is outside 1-63999");
            return new E131Packet.Sync(cid, r.u8(44), syncUniverse);
        }
        if (vector != E131.VECTOR_EXTENDED_DISCOVERY) {
            throw new MalformedPacket("extended framing vector 0x" + Integer.toHexString(vector) + " is neither synchronization (1) nor discovery (2)");
        }
        if (end < E131.FIRST_DISCOVERED_UNIVERSE) throw new MalformedPacket("universe discovery packet of " + end + " bytes is shorter than 120");
        String name = r.name(44);
        int listEnd = r.pdu(E131.DISCOVERY_PDU, end, "universe discovery");
        if (listEnd < E131.FIRST_DISCOVERED_UNIVERSE) throw new MalformedPacket("universe discovery layer length " + (listEnd - E131.DISCOVERY_PDU) + " is shorter than 8");
        int listVector = r.i32(114);
        if (listVector != E131.VECTOR_DISCOVERY_UNIVERSE_LIST) throw new MalformedPacket("universe discovery vector 0x" + Integer.toHexString(listVector) + ", not 0x1");
        int page = r.u8(118);
        int lastPage = r.u8(119);
        if (page > lastPage) throw new MalformedPacket("universe discovery page " + page + " is after the last page " + lastPage);
        int listBytes = listEnd - E131.FIRST_DISCOVERED_UNIVERSE;
        if (listBytes % 2 != 0) throw new MalformedPacket("universe discovery list of " + listBytes + " bytes is not whole universes");
        if (listBytes / 2 > E131.UNIVERSES_PER_PAGE) throw new MalformedPacket("universe discovery page lists " + listBytes / 2 + " universes, more than 512");
        int[] universes = new int[listBytes / 2];
        for (int i = 0; i < universes.length; i++) universes[i] = r.u16(E131.FIRST_DISCOVERED_UNIVERSE + 2 * i);
        return new E131Packet.Discovery(cid, name, page, lastPage, universes);
    }

    /** Reads at offsets from the packet's first byte, each read checked against the datagram's size. */
    private static final class Reader {
        final ByteBuf in;
        final int base;
        final int size;

        Reader(ByteBuf in) {
            this.in = in;
            this.base = in.readerIndex();
            this.size = in.readableBytes();
        }

        private void check(int at, int n) throws MalformedPacket {
            if (at + n > size) throw new MalformedPacket("truncated: " + n + " bytes at " + at + " in a datagram of " + size);
        }

        int u8(int at) throws MalformedPacket {
            check(at, 1);
            return in.getUnsignedByte(base + at);
        }

        int u16(int at) throws MalformedPacket {
            check(at, 2);
            return in.getUnsignedShort(base + at);
        }

        int i32(int at) throws MalformedPacket {
            check(at, 4);
            return in.getInt(base + at);
        }

        long i64(int at) throws MalformedPacket {
            check(at, 8);
            return in.getLong(base + at);
        }

        byte[] bytes(int at, int n) throws MalformedPacket {
            check(at, n);
            byte[] b = new byte[n];
            in.getBytes(base + at, b);
            return b;
        }

        /**
         * The end offset of the layer whose flags and length are at {@code at}; the layer must fit before {@code limit}
         * (the end of the layer that holds it).
         */
        int pdu(int at, int limit, String layer) throws MalformedPacket {
            int field = u16(at);
            if (field >>> 12 != E131.FLAGS) throw new MalformedPacket(layer + " layer flags 0x" + Integer.toHexString(field >>> 12) + ", not 0x7");
            int end = at + (field & 0x0FFF);
            if (end > limit) throw new MalformedPacket(layer + " layer length " + (field & 0x0FFF) + " runs past its end at " + limit);
            return end;
        }

        /** A NUL-terminated UTF-8 source name in 64 bytes (malformed UTF-8 is replaced, not refused). */
        String name(int at) throws MalformedPacket {
            byte[] b = bytes(at, E131.SOURCE_NAME_BYTES);
            int n = 0;
            while (n < b.length && b[n] != 0) n++;
            return new String(b, 0, n, StandardCharsets.UTF_8);
        }
    }
}
