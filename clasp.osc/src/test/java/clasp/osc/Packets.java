package clasp.osc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.util.HexFormat;

/** Encodes and decodes through real buffers, releasing them. */
final class Packets {
    static final OscDecoder DECODER = new OscDecoder(OscLimits.DEFAULTS);

    private Packets() {
    }

    static byte[] encode(OscPacket packet) {
        ByteBuf buf = OscEncoder.encode(packet, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static OscPacket decode(byte[] bytes) throws OscFormatException {
        return decode(DECODER, bytes);
    }

    static OscPacket decode(OscDecoder decoder, byte[] bytes) throws OscFormatException {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return decoder.decode(buf);
        } finally {
            buf.release();
        }
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
