package clasp.transport.quic.internal;

import clasp.transport.netty.tls.ClientAuth;
import clasp.transport.netty.tls.TlsSettings;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link QuicTransportConfig} checked once: everything one listener is started with. Two equal settings start the
 * same listener, so a configuration update that changes none of them changes nothing.
 */
record ListenerSettings(String host, int port, int maxFrameBytes, int idleTimeoutSeconds, int maxStreams,
                        int writeBufferHighWaterMark, int writeBufferLowWaterMark, boolean epoll, int ioThreads,
                        TlsSettings tls) {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSettings.class);
    /** 4-byte header + 8-byte timestamp + 65535-byte payload. */
    static final int LARGEST_CLASP_FRAME = 65_547;

    /** Checks {@code config}; an invalid one is an IllegalArgumentException naming the PID and the problem. */
    static ListenerSettings of(QuicTransportConfig config, Path dataFolder) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        require(config.maxFrameBytes() >= 5, "maxFrameBytes must be at least 5, is " + config.maxFrameBytes());
        require(config.idleTimeoutSeconds() >= 1, "idleTimeoutSeconds must be at least 1, is " + config.idleTimeoutSeconds());
        require(config.maxStreams() >= 1, "maxStreams must be at least 1, is " + config.maxStreams());
        require(config.ioThreads() >= 1, "ioThreads must be at least 1, is " + config.ioThreads());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are "
                        + config.writeBufferLowWaterMark() + " and " + config.writeBufferHighWaterMark());
        TlsSettings tls;
        try {
            tls = new TlsSettings(config.tlsKeyStore(), config.tlsKeyStorePassword(), config.tlsKeyStoreType(),
                    config.tlsCertificate(), config.tlsPrivateKey(), ClientAuth.parse(config.tlsClientAuth()),
                    config.tlsTrustedCertificates(), dataFolder).validated();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (config.maxFrameBytes() < LARGEST_CLASP_FRAME) {
            LOG.warn("{}: maxFrameBytes {} is below the largest legal CLASP frame ({}); a larger frame ends its session",
                    QuicTransport.PID, config.maxFrameBytes(), LARGEST_CLASP_FRAME);
        }
        return new ListenerSettings(host, config.port(), config.maxFrameBytes(), config.idleTimeoutSeconds(),
                config.maxStreams(), config.writeBufferHighWaterMark(), config.writeBufferLowWaterMark(), config.epoll(),
                config.ioThreads(), tls);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw invalid(problem);
        }
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException(QuicTransport.PID + ": invalid configuration: " + problem);
    }
}
