package clasp.protocol;

import clasp.protocol.EncodeException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/** Big-endian writes of CLASP fields, with the u16 limits checked before anything oversized is written. */
final class WireWriter {
    static final int U16_MAX = 0xFFFF;

    private final ByteBuf out;
    private final int payloadStart;

    WireWriter(ByteBuf out, int payloadStart) {
        this.out = out;
        this.payloadStart = payloadStart;
    }

    ByteBuf out() { return out; }

    /** Fails as soon as the payload written so far exceeds the u16 payload limit. */
    void checkPayloadSize() throws EncodeException {
        int size = out.writerIndex() - payloadStart;
        if (size > U16_MAX) throw new EncodeException(Kind.TOO_LARGE, "payload of " + size + " bytes exceeds 65535");
    }

    void u8(int v) { out.writeByte(v); }
    void u16(int v) { out.writeShort(v); }
    void i64(long v) { out.writeLong(v); }
    void f64(double v) { out.writeLong(Double.doubleToRawLongBits(v)); }

    void u32(long v, String field) throws EncodeException {
        if (v < 0 || v > 0xffff_ffffL) throw new EncodeException(Kind.INVALID_FIELD, field + " " + v + " is not a u32");
        out.writeInt((int) v);
    }

    void u8Field(int v, String field) throws EncodeException {
        if (v < 0 || v > 0xFF) throw new EncodeException(Kind.INVALID_FIELD, field + " " + v + " is not a u8");
        out.writeByte(v);
    }

    void u16Field(int v, String field) throws EncodeException {
        if (v < 0 || v > U16_MAX) throw new EncodeException(Kind.INVALID_FIELD, field + " " + v + " is not a u16");
        out.writeShort(v);
    }

    void count(int n, String field) throws EncodeException {
        if (n > U16_MAX) throw new EncodeException(Kind.TOO_LARGE, field + " count " + n + " exceeds 65535");
        out.writeShort(n);
    }

    /** A u16 byte length then UTF-8; lone surrogates become U+FFFD, as the JS encoder writes them. */
    void string(String s, String field) throws EncodeException {
        if (s.length() > U16_MAX) throw new EncodeException(Kind.TOO_LARGE, field + " exceeds 65535 bytes");
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        int written = hasSurrogate(s) ? writeUtf8WithReplacement(s) : ByteBufUtil.writeUtf8(out, s);
        if (written > U16_MAX) throw new EncodeException(Kind.TOO_LARGE, field + " of " + written + " bytes exceeds 65535");
        out.setShort(lengthAt, written);
        checkPayloadSize();
    }

    void bytes(byte[] b, String field) throws EncodeException {
        count(b.length, field);
        out.writeBytes(b);
        checkPayloadSize();
    }

    private static boolean hasSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) if (Character.isSurrogate(s.charAt(i))) return true;
        return false;
    }

    private int writeUtf8WithReplacement(String s) {
        int start = out.writerIndex();
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.writeByte(c);
            } else if (c < 0x800) {
                out.writeByte(0xC0 | (c >> 6));
                out.writeByte(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out.writeByte(0xF0 | (cp >> 18));
                out.writeByte(0x80 | ((cp >> 12) & 0x3F));
                out.writeByte(0x80 | ((cp >> 6) & 0x3F));
                out.writeByte(0x80 | (cp & 0x3F));
            } else {
                int cp = Character.isSurrogate(c) ? 0xFFFD : c;
                out.writeByte(0xE0 | (cp >> 12));
                out.writeByte(0x80 | ((cp >> 6) & 0x3F));
                out.writeByte(0x80 | (cp & 0x3F));
            }
        }
        return out.writerIndex() - start;
    }
}
