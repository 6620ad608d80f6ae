package clasp.osc;

import io.netty.buffer.ByteBuf;

/**
 * Encodes one frame as SLIP (RFC 1055): END, the frame with END written as ESC ESC_END and ESC as ESC ESC_ESC, END.
 * The leading END ends whatever line noise the device read before, so the frame starts clean (the "double-END"
 * form OSC 1.1 uses over TCP). Stateless.
 */
public final class SlipEncoder {
    private SlipEncoder() {
    }

    /** The bytes to write for {@code frame}; its reader index and reference count are left as they are. */
    public static byte[] encode(ByteBuf frame) {
        int from = frame.readerIndex();
        int length = frame.readableBytes();
        int escapes = 0;
        for (int i = 0; i < length; i++) {
            byte b = frame.getByte(from + i);
            if (b == Slip.END || b == Slip.ESC) escapes++;
        }
        byte[] out = new byte[length + escapes + 2];
        int o = 0;
        out[o++] = Slip.END;
        for (int i = 0; i < length; i++) {
            byte b = frame.getByte(from + i);
            if (b == Slip.END) {
                out[o++] = Slip.ESC;
                out[o++] = Slip.ESC_END;
            } else if (b == Slip.ESC) {
                out[o++] = Slip.ESC;
                out[o++] = Slip.ESC_ESC;
            } else {
                out[o++] = b;
            }
        }
        out[o] = Slip.END;
        return out;
    }

    /** Appends the SLIP form of {@code frame}'s readable bytes to {@code out}; {@code frame} is left as it is. */
    public static void encode(ByteBuf frame, ByteBuf out) {
        int from = frame.readerIndex();
        int length = frame.readableBytes();
        out.writeByte(Slip.END);
        for (int i = 0; i < length; i++) {
            byte b = frame.getByte(from + i);
            if (b == Slip.END) {
                out.writeByte(Slip.ESC).writeByte(Slip.ESC_END);
            } else if (b == Slip.ESC) {
                out.writeByte(Slip.ESC).writeByte(Slip.ESC_ESC);
            } else {
                out.writeByte(b);
            }
        }
        out.writeByte(Slip.END);
    }
}
