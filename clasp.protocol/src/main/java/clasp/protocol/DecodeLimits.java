package clasp.protocol;

/**
 * What a decoder accepts of one frame, checked while reading and before anything is allocated for it: how deep
 * arrays, maps and bundles nest, how many items an array and entries a map hold, and how many bytes a string or a
 * bytes value takes. Strings are every string of a frame (addresses, names, map keys and string values). The wire
 * itself allows at most {@link #WIRE_MAX} of each (u16 prefixes); {@link #DEFAULTS} accepts all of that.
 */
public record DecodeLimits(int maxDepth, int maxArrayLength, int maxMapSize, int maxStringBytes, int maxBytesLength) {
    /** The largest count or length a u16 prefix can declare. */
    public static final int WIRE_MAX = 0xFFFF;
    /** Nesting 32 deep ({@link ClaspCodec#DEFAULT_MAX_DEPTH}), everything else as far as the wire goes. */
    public static final DecodeLimits DEFAULTS =
            new DecodeLimits(ClaspCodec.DEFAULT_MAX_DEPTH, WIRE_MAX, WIRE_MAX, WIRE_MAX, WIRE_MAX);

    public DecodeLimits {
        if (maxDepth < 1 || maxDepth > ClaspCodec.MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("maxDepth must be between 1 and " + ClaspCodec.MAX_DEPTH_LIMIT);
        }
        within("maxArrayLength", maxArrayLength);
        within("maxMapSize", maxMapSize);
        within("maxStringBytes", maxStringBytes);
        within("maxBytesLength", maxBytesLength);
    }

    private static void within(String name, int value) {
        if (value < 0 || value > WIRE_MAX) throw new IllegalArgumentException(name + " must be between 0 and " + WIRE_MAX);
    }

    /** These limits with another nesting depth. */
    public DecodeLimits withMaxDepth(int depth) {
        return new DecodeLimits(depth, maxArrayLength, maxMapSize, maxStringBytes, maxBytesLength);
    }
}
