package clasp.protocol;

import clasp.protocol.DecodeException.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reads over one region of a buffer. Never moves the buffer's own indices.
 * Offsets in exceptions count from {@code origin}, the start of the frame.
 */
final class WireReader {
    private static final ByteProcessor ASCII = b -> b >= 0;

    private final ByteBuf buf;
    private final int origin;
    private final int maxStringBytes;
    private int pos;
    private int end;

    WireReader(ByteBuf buf, int origin, int start, int end) {
        this(buf, origin, start, end, DecodeLimits.WIRE_MAX);
    }

    /** A reader that refuses strings longer than {@code maxStringBytes} ({@link Kind#STRING_TOO_LONG}). */
    WireReader(ByteBuf buf, int origin, int start, int end, int maxStringBytes) {
        this.buf = buf;
        this.origin = origin;
        this.pos = start;
        this.end = end;
        this.maxStringBytes = maxStringBytes;
    }

    int position() { return pos; }
    int remaining() { return end - pos; }
    int end() { return end; }
    ByteBuf buffer() { return buf; }
    void skip(int n) throws DecodeException { need(n, "bytes"); pos += n; }

    /** Narrows the readable region to {@code [pos, pos+length)} and returns the old end, for {@link #restoreEnd}. */
    int limit(int length) { int old = end; end = pos + length; return old; }
    void restoreEnd(int oldEnd) { end = oldEnd; }

    DecodeException error(Kind kind, String detail) { return new DecodeException(kind, pos - origin, detail); }

    private void need(int n, String field) throws DecodeException {
        if (end - pos < n) throw error(Kind.TRUNCATED, field + " needs " + n + " bytes, " + (end - pos) + " left");
    }

    int u8(String field) throws DecodeException {
        need(1, field);
        return buf.getUnsignedByte(pos++);
    }

    int u16(String field) throws DecodeException {
        need(2, field);
        int v = buf.getUnsignedShort(pos);
        pos += 2;
        return v;
    }

    int i32(String field) throws DecodeException {
        need(4, field);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }

    long u32(String field) throws DecodeException { return i32(field) & 0xffff_ffffL; }

    long i64(String field) throws DecodeException {
        need(8, field);
        long v = buf.getLong(pos);
        pos += 8;
        return v;
    }

    double f64(String field) throws DecodeException { return Double.longBitsToDouble(i64(field)); }

    /** A u16 count of items each taking at least {@code minItemBytes}, checked against the bytes left. */
    int count(String field, int minItemBytes) throws DecodeException {
        return fits(field, u16(field), minItemBytes);
    }

    private int fits(String field, int n, int minItemBytes) throws DecodeException {
        if ((long) n * minItemBytes > end - pos) {
            throw error(Kind.LENGTH_MISMATCH, field + " count " + n + " exceeds the " + (end - pos) + " bytes left");
        }
        return n;
    }

    /**
     * A u16 count of items each taking at least {@code minItemBytes}, first checked against {@code max} (exceeding
     * it is {@code kind}: "array of 20000 items exceeds the limit of 16384"), then against the bytes left.
     */
    int count(String field, int minItemBytes, int max, Kind kind, String unit) throws DecodeException {
        int n = u16(field);
        if (n > max) throw tooMany(kind, field, n, unit, max);
        return fits(field, n, minItemBytes);
    }

    private DecodeException tooMany(Kind kind, String field, int n, String unit, int max) {
        return new DecodeException(kind, pos - 2 - origin, field + " of " + n + " " + unit + " exceeds the limit of " + max);
    }

    /** A u16-length-prefixed length, checked against the bytes left. */
    int length(String field) throws DecodeException {
        return length(field, DecodeLimits.WIRE_MAX, Kind.LENGTH_MISMATCH);
    }

    /** A u16-length-prefixed length, first checked against {@code max} (exceeding it is {@code kind}), then against the bytes left. */
    private int length(String field, int max, Kind kind) throws DecodeException {
        int n = u16(field);
        if (n > max) throw tooMany(kind, field, n, "bytes", max);
        if (n > end - pos) {
            throw new DecodeException(Kind.LENGTH_MISMATCH, pos - 2 - origin,
                    field + " length " + n + " exceeds the " + (end - pos) + " bytes left");
        }
        return n;
    }

    String string(String field) throws DecodeException {
        int n = length(field, maxStringBytes, Kind.STRING_TOO_LONG);
        String s = utf8(pos, n, field);
        pos += n;
        return s;
    }

    /** A u16-length-prefixed bytes value of at most {@code max} bytes ({@link Kind#BYTES_TOO_LONG}). */
    byte[] bytes(String field, int max) throws DecodeException {
        int n = length(field, max, Kind.BYTES_TOO_LONG);
        byte[] b = new byte[n];
        buf.getBytes(pos, b);
        pos += n;
        return b;
    }

    private String utf8(int index, int length, String field) throws DecodeException {
        if (length == 0) return "";
        if (buf.forEachByte(index, length, ASCII) < 0) return buf.toString(index, length, StandardCharsets.US_ASCII);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buf.nioBuffer(index, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(Kind.INVALID_UTF8, index - origin, field + " is not valid UTF-8");
        }
    }
}
