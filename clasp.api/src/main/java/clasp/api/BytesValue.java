package clasp.api;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable CLASP byte string. */
public final class BytesValue implements Value {
    private final byte[] bytes;

    private BytesValue(byte[] bytes) { this.bytes = bytes; }

    /** A value holding a copy of {@code bytes}. */
    public static BytesValue copyOf(byte[] bytes) { return new BytesValue(bytes.clone()); }

    /** A value holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static BytesValue copyOf(byte[] bytes, int offset, int length) {
        return new BytesValue(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    public int length() { return bytes.length; }
    public byte get(int index) { return bytes[index]; }

    /** A copy of the bytes. */
    public byte[] toByteArray() { return bytes.clone(); }

    @Override public ValueKind kind() { return ValueKind.BYTES; }
    @Override public boolean equals(Object o) { return o instanceof BytesValue b && Arrays.equals(b.bytes, bytes); }
    @Override public int hashCode() { return Arrays.hashCode(bytes); }
    @Override public String toString() { return "bytes:" + HexFormat.of().formatHex(bytes); }
}
