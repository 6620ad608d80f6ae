package clasp.store.mvstore.internal;

import java.nio.charset.StandardCharsets;

/** Reads what {@link Out} wrote; a truncated or malformed input throws {@link CorruptRecordException}. */
final class In {
    private final byte[] bytes;
    private int pos;

    In(byte[] bytes) { this.bytes = bytes; }

    int u8() {
        need(1);
        return bytes[pos++] & 0xFF;
    }

    long varLong() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new CorruptRecordException("varint longer than 10 bytes");
    }

    long zigZag() {
        long v = varLong();
        return (v >>> 1) ^ -(v & 1);
    }

    long fixedLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (bytes[pos++] & 0xFF);
        return v;
    }

    int length() {
        long n = varLong();
        if (n < 0 || n > bytes.length - pos) throw new CorruptRecordException("length " + n + " past the end");
        return (int) n;
    }

    byte[] raw() {
        int n = length();
        byte[] b = new byte[n];
        System.arraycopy(bytes, pos, b, 0, n);
        pos += n;
        return b;
    }

    String string() {
        int n = length();
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    String optString() {
        long n = varLong();
        if (n == 0) return null;
        if (n - 1 > bytes.length - pos) throw new CorruptRecordException("length " + (n - 1) + " past the end");
        String s = new String(bytes, pos, (int) (n - 1), StandardCharsets.UTF_8);
        pos += (int) (n - 1);
        return s;
    }

    /** Fails unless everything was read: a record with trailing bytes is not one this format wrote. */
    void end() {
        if (pos != bytes.length) throw new CorruptRecordException((bytes.length - pos) + " trailing bytes");
    }

    private void need(int n) {
        if (pos + n > bytes.length) throw new CorruptRecordException("record ends early");
    }

    /** The first eight bytes big-endian (a journal entry's timestamp), without decoding the rest. */
    static long leadingLong(byte[] bytes) { return new In(bytes).fixedLong(); }
}
