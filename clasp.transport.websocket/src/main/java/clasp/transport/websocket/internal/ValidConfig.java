package clasp.transport.websocket.internal;

import clasp.transport.netty.tls.ClientAuth;
import clasp.transport.netty.tls.TlsPolicy;
import clasp.transport.netty.tls.TlsSettings;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a {@link WebSocketTransportConfig} once at activation; an invalid one fails activation, naming the PID. */
record ValidConfig(String host, ClientAuth clientAuth, AllowedOrigins origins, HttpPaths httpPaths) {
    private static final Logger LOG = LoggerFactory.getLogger(ValidConfig.class);
    /** 4-byte header + 8-byte timestamp + 65535-byte payload. */
    static final int LARGEST_CLASP_FRAME = 65_547;

    static ValidConfig of(WebSocketTransportConfig config) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        require(config.maxFrameBytes() >= 4, "maxFrameBytes must be at least 4, is " + config.maxFrameBytes());
        require(config.maxPendingUpgrades() >= 1, "maxPendingUpgrades must be at least 1, is " + config.maxPendingUpgrades());
        require(config.ioThreads() >= 0, "ioThreads must be >= 0, is " + config.ioThreads());
        require(config.maxConnectionsPerIp() >= 0, "maxConnectionsPerIp must be >= 0, is " + config.maxConnectionsPerIp());
        require(config.maxHandshakesPerSecond() >= 0,
                "maxHandshakesPerSecond must be >= 0, is " + config.maxHandshakesPerSecond());
        require(config.handshakeTimeoutSeconds() >= 1,
                "handshakeTimeoutSeconds must be at least 1, is " + config.handshakeTimeoutSeconds());
        require(config.pingIntervalSeconds() >= 0, "pingIntervalSeconds must be >= 0, is " + config.pingIntervalSeconds());
        require(config.sseHeartbeatSeconds() >= 0, "sseHeartbeatSeconds must be >= 0, is " + config.sseHeartbeatSeconds());
        require(config.sseMaxQueuedBytes() >= 1, "sseMaxQueuedBytes must be at least 1, is " + config.sseMaxQueuedBytes());
        require(config.sseResumeSeconds() >= 0, "sseResumeSeconds must be >= 0, is " + config.sseResumeSeconds());
        require(config.sseResumeStreams() >= 0, "sseResumeStreams must be >= 0, is " + config.sseResumeStreams());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are "
                        + config.writeBufferLowWaterMark() + " and " + config.writeBufferHighWaterMark());
        ClientAuth clientAuth;
        AllowedOrigins origins;
        HttpPaths httpPaths;
        try {
            origins = AllowedOrigins.parse(config.allowedOrigins());
            httpPaths = HttpPaths.parse(config.httpPaths());
            TlsPolicy.minVersion(config.tlsMinVersion());   // refused even while tls is off
            clientAuth = ClientAuth.parse(config.tlsClientAuth());
            if (config.tls()) tls(config, clientAuth, Path.of(".")).validated();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WebSocketTransport.PID + ": invalid configuration: " + e.getMessage(), e);
        }
        if (config.maxFrameBytes() < LARGEST_CLASP_FRAME) {
            LOG.warn("{}: maxFrameBytes {} is below the largest legal CLASP frame ({}); larger frames close the connection",
                    WebSocketTransport.PID, config.maxFrameBytes(), LARGEST_CLASP_FRAME);
        }
        return new ValidConfig(host, clientAuth, origins, httpPaths);
    }

    /** The TLS settings of {@code config}, the development certificate kept in {@code dataFolder}. */
    static TlsSettings tls(WebSocketTransportConfig config, ClientAuth clientAuth, Path dataFolder) {
        return new TlsSettings(config.tlsKeyStore(), config.tlsKeyStorePassword(), config.tlsKeyStoreType(),
                config.tlsCertificate(), config.tlsPrivateKey(), clientAuth, config.tlsTrustedCertificates(), dataFolder, config.tlsMinVersion());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(WebSocketTransport.PID + ": invalid configuration: " + problem);
        }
    }
}
