package clasp.bridge.artnet.internal;

import io.netty.buffer.ByteBuf;

/**
 * ArtSync (OpCode 0x5200): sent after a batch of ArtDmx so that receivers in synchronous mode output them together.
 * Protocol version, then Aux1 and Aux2, both 0: 14 bytes.
 */
final class ArtSync {
    static final int BYTES = 14;

    private ArtSync() {
    }

    static void encode(ByteBuf out) {
        ArtNet.writeVersionedHeader(out, ArtNet.OP_SYNC);
        out.writeShort(0);   // Aux1, Aux2
    }

    /** Checks that {@code in} is an ArtSync (it carries nothing else). */
    static void decode(ByteBuf in) throws ArtNetFormatException {
        ArtNet.check(in, ArtNet.OP_SYNC, "ArtSync", BYTES, true);
    }
}
