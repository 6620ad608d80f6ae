package clasp.router.internal;

import clasp.protocol.DecodeLimits;

/**
 * The router's limits on what a network session sends (see {@link RouterConfig} for meanings): the decode limits
 * of every frame, the size of addresses, the replies a session may have waiting, and writes per second to one address.
 */
public record InputLimits(int maxNestingDepth, int maxArrayLength, int maxMapSize, int maxStringBytes, int maxBytesLength,
                          int maxAddressBytes, int maxAddressSegments, int maxPendingRequestsPerSession,
                          int addressRateLimitPerSecond, int localAddressRateLimitPerSecond) {

    public static InputLimits defaults() {
        return new InputLimits(32, 16_384, 4_096, 65_535, 65_535, 1_024, 64, 64, 20_000, 0);
    }

    static InputLimits of(RouterConfig c) {
        return new InputLimits(c.maxNestingDepth(), c.maxArrayLength(), c.maxMapSize(), c.maxStringBytes(),
                c.maxBytesLength(), c.maxAddressBytes(), c.maxAddressSegments(), c.maxPendingRequestsPerSession(),
                c.addressRateLimitPerSecond(), c.localAddressRateLimitPerSecond());
    }

    /** What the codec accepts of each frame (throws IllegalArgumentException for values the wire cannot express). */
    public DecodeLimits decode() {
        return new DecodeLimits(maxNestingDepth, maxArrayLength, maxMapSize, maxStringBytes, maxBytesLength);
    }
}
