package clasp.store.mvstore.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growing byte buffer with the few primitives the store's binary format needs (varints, fixed longs, strings). */
final class Out {
    private byte[] bytes = new byte[64];
    private int size;

    Out u8(int b) {
        ensure(1);
        bytes[size++] = (byte) b;
        return this;
    }

    /** An unsigned LEB128 varint. */
    Out varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
        return this;
    }

    /** A signed varint (zig-zag), for values that may be negative. */
    Out zigZag(long v) { return varLong((v << 1) ^ (v >> 63)); }

    /** Eight bytes big-endian, so that a reader can take it without decoding the rest. */
    Out fixedLong(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
        return this;
    }

    Out raw(byte[] b) {
        varLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    Out string(String s) { return raw(s.getBytes(StandardCharsets.UTF_8)); }

    /** A string that may be null: 0 for null, else its length + 1. */
    Out optString(String s) {
        if (s == null) return varLong(0);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varLong(b.length + 1L);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
        return this;
    }

    byte[] toByteArray() { return Arrays.copyOf(bytes, size); }

    private void ensure(int more) {
        if (size + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
}
