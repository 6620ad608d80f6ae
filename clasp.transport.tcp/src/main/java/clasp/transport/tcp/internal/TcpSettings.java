package clasp.transport.tcp.internal;

import clasp.protocol.ClaspCodec;
import clasp.transport.netty.tls.ClientAuth;
import clasp.transport.netty.tls.TlsPolicy;
import clasp.transport.netty.tls.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A checked {@link TcpTransportConfig}: an invalid configuration is refused whole, naming the PID. Immutable; the
 * transport swaps the whole record when its configuration changes.
 */
record TcpSettings(String host, int port, int maxFrameBytes, int highWaterMark, int lowWaterMark, boolean keepAlive,
                   boolean epoll, int ioThreads, int maxConnectionsPerIp, int maxHandshakesPerSecond,
                   Duration handshakeTimeout, TlsSettings tls) {
    private static final Logger LOG = LoggerFactory.getLogger(TcpSettings.class);

    /** @param dataFolder where the development certificate is kept */
    static TcpSettings of(TcpTransportConfig config, Path dataFolder) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        require(config.maxFrameBytes() >= 4, "maxFrameBytes must be at least 4, is " + config.maxFrameBytes());
        require(config.ioThreads() >= 0, "ioThreads must be >= 0, is " + config.ioThreads());
        require(config.maxConnectionsPerIp() >= 0, "maxConnectionsPerIp must be >= 0, is " + config.maxConnectionsPerIp());
        require(config.maxHandshakesPerSecond() >= 0,
                "maxHandshakesPerSecond must be >= 0, is " + config.maxHandshakesPerSecond());
        require(config.handshakeTimeoutSeconds() >= 1,
                "handshakeTimeoutSeconds must be at least 1, is " + config.handshakeTimeoutSeconds());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are "
                        + config.writeBufferLowWaterMark() + " and " + config.writeBufferHighWaterMark());
        try {
            TlsPolicy.minVersion(config.tlsMinVersion());   // refused even while tls is off, so turning it on cannot fail on it
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TcpTransport.PID + ": invalid configuration: " + e.getMessage(), e);
        }
        if (config.maxFrameBytes() < ClaspCodec.MAX_FRAME_BYTES) {
            LOG.warn("{}: maxFrameBytes {} is below the largest legal CLASP frame ({}); larger frames close the connection",
                    TcpTransport.PID, config.maxFrameBytes(), ClaspCodec.MAX_FRAME_BYTES);
        }
        return new TcpSettings(host, config.port(), config.maxFrameBytes(), config.writeBufferHighWaterMark(),
                config.writeBufferLowWaterMark(), config.keepAlive(), config.epoll(), config.ioThreads(),
                config.maxConnectionsPerIp(), config.maxHandshakesPerSecond(),
                Duration.ofSeconds(config.handshakeTimeoutSeconds()), config.tls() ? tls(config, dataFolder) : null);
    }

    private static TlsSettings tls(TcpTransportConfig config, Path dataFolder) {
        try {
            return new TlsSettings(config.tlsKeyStore(), config.tlsKeyStorePassword(), config.tlsKeyStoreType(),
                    config.tlsCertificate(), config.tlsPrivateKey(), ClientAuth.parse(config.tlsClientAuth()),
                    config.tlsTrustedCertificates(), dataFolder, config.tlsMinVersion()).validated();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TcpTransport.PID + ": invalid configuration: " + e.getMessage(), e);
        }
    }

    /** "tls" with TLS, else "tcp": the scheme of the endpoint. */
    String scheme() {
        return tls == null ? "tcp" : "tls";
    }

    /** True when {@code next} needs other event loops, so the listener restarts. */
    boolean threadsDiffer(TcpSettings next) {
        return epoll != next.epoll || ioThreads != next.ioThreads;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(TcpTransport.PID + ": invalid configuration: " + problem);
        }
    }
}
