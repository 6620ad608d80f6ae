package clasp.bridge.artnet.internal;

import io.netty.buffer.ByteBuf;

/**
 * ArtPoll (OpCode 0x2000): a controller asking the nodes for their ArtPollReply. Protocol version, Flags,
 * DiagPriority: 14 bytes (the optional Art-Net 4 fields for targeted mode that may follow are not read).
 */
record ArtPoll(int flags, int diagPriority) {
    static final int BYTES = 14;

    void encode(ByteBuf out) {
        ArtNet.writeVersionedHeader(out, ArtNet.OP_POLL);
        out.writeByte(flags);
        out.writeByte(diagPriority);
    }

    static ArtPoll decode(ByteBuf in) throws ArtNetFormatException {
        int at = ArtNet.check(in, ArtNet.OP_POLL, "ArtPoll", BYTES, true);
        return new ArtPoll(in.getUnsignedByte(at + 12), in.getUnsignedByte(at + 13));
    }
}
