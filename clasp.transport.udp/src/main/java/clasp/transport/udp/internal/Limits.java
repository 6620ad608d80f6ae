package clasp.transport.udp.internal;

import java.util.concurrent.TimeUnit;

/**
 * The limits a running listener applies, replaced as a whole when the configuration changes (read by any thread).
 *
 * @param peerIdleNanos silence after which a peer's session ends
 */
record Limits(int maxFrameBytes, int maxPeers, long peerIdleNanos, long highWaterMark, long lowWaterMark) {
    static Limits of(UdpTransportConfig config) {
        return new Limits(config.maxFrameBytes(), config.maxPeers(), TimeUnit.SECONDS.toNanos(config.peerIdleSeconds()),
                config.writeBufferHighWaterMark(), config.writeBufferLowWaterMark());
    }

    /** How often the idle sweep looks at every peer: a quarter of the idle time, at least every 100 ms. */
    long sweepNanos() {
        return Math.max(TimeUnit.MILLISECONDS.toNanos(100), peerIdleNanos / 4);
    }
}
