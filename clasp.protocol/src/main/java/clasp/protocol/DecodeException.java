package clasp.protocol;

/**
 * The one exception decoding throws: what was wrong ({@link #kind()}) and where ({@link #offset()}, the byte
 * offset from the start of the frame, or of the stream buffer for splitters).
 */
public final class DecodeException extends Exception {
    /** What made the input undecodable. */
    public enum Kind {
        /** The bytes end before a field, or before the end of the frame the header declares. */
        TRUNCATED,
        /** A declared string, bytes, element or message length exceeds the bytes left. */
        LENGTH_MISMATCH,
        BAD_MAGIC,
        EMPTY_PAYLOAD,
        /** Unknown message type code. */
        UNKNOWN_TYPE,
        /** Unknown value type code. */
        UNKNOWN_VALUE_TYPE,
        INVALID_UTF8,
        /** Nesting of arrays, maps or bundles deeper than the configured limit. */
        DEPTH,
        /** A field holds a value its message cannot take (e.g. an unknown federation operation). */
        INVALID_FIELD,
        /** A frame, or a stream length prefix, larger than the configured maximum. */
        TOO_LARGE,
        /** An array with more items than {@link DecodeLimits#maxArrayLength()}. */
        ARRAY_TOO_LONG,
        /** A map with more entries than {@link DecodeLimits#maxMapSize()}. */
        MAP_TOO_LARGE,
        /** A string longer in bytes than {@link DecodeLimits#maxStringBytes()}. */
        STRING_TOO_LONG,
        /** A bytes value longer than {@link DecodeLimits#maxBytesLength()}. */
        BYTES_TOO_LONG
    }

    private final Kind kind;
    private final int offset;

    public DecodeException(Kind kind, int offset, String detail) {
        super(kind + " at offset " + offset + ": " + detail, null, false, false);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() { return kind; }

    public int offset() { return offset; }
}
