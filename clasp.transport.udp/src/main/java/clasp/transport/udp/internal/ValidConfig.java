package clasp.transport.udp.internal;

/** Checks a {@link UdpTransportConfig} once at activation (and on each change); an invalid one names the PID. */
record ValidConfig(String host, Limits limits) {
    /** The largest UDP payload over IPv4: 65535 minus the IP and UDP headers. */
    static final int LARGEST_DATAGRAM = 65_507;

    static ValidConfig of(UdpTransportConfig config) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        require(config.maxFrameBytes() >= 5 && config.maxFrameBytes() <= LARGEST_DATAGRAM,
                "maxFrameBytes must be 5.." + LARGEST_DATAGRAM + ", is " + config.maxFrameBytes());
        require(config.maxPeers() >= 1, "maxPeers must be at least 1, is " + config.maxPeers());
        require(config.peerIdleSeconds() >= 1, "peerIdleSeconds must be at least 1, is " + config.peerIdleSeconds());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are "
                        + config.writeBufferLowWaterMark() + " and " + config.writeBufferHighWaterMark());
        return new ValidConfig(host, Limits.of(config));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(UdpTransport.PID + ": invalid configuration: " + problem);
        }
    }
}
