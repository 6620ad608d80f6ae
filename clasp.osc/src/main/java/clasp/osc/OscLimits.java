package clasp.osc;

/**
 * What the {@link OscDecoder} accepts at most; a packet beyond any limit is refused as malformed.
 *
 * @param maxPacketBytes  bytes in one packet (a datagram or a SLIP frame)
 * @param maxArguments    arguments in one message, counting those inside arrays (not the brackets)
 * @param maxBundleDepth  bundles nested in each other, the outermost counting 1
 * @param maxArrayDepth   arrays nested in each other, a top-level {@code [} counting 1
 */
public record OscLimits(int maxPacketBytes, int maxArguments, int maxBundleDepth, int maxArrayDepth) {
    /** 65,507 bytes (the largest UDP payload over IPv4), 1,024 arguments, 8 bundle levels, 8 array levels. */
    public static final OscLimits DEFAULTS = new OscLimits(65_507, 1_024, 8, 8);

    public OscLimits {
        if (maxPacketBytes < 8) throw new IllegalArgumentException("maxPacketBytes must be at least 8: " + maxPacketBytes);
        if (maxArguments < 0) throw new IllegalArgumentException("maxArguments must not be negative: " + maxArguments);
        if (maxBundleDepth < 0) throw new IllegalArgumentException("maxBundleDepth must not be negative: " + maxBundleDepth);
        if (maxArrayDepth < 0) throw new IllegalArgumentException("maxArrayDepth must not be negative: " + maxArrayDepth);
    }
}
