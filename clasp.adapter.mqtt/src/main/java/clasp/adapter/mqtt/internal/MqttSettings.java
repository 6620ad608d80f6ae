package clasp.adapter.mqtt.internal;

import clasp.transport.netty.tls.ClientAuth;
import clasp.transport.netty.tls.TlsPolicy;
import clasp.transport.netty.tls.ServerTls;
import clasp.transport.netty.tls.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * A checked {@link MqttTransportConfig} with its TLS server context (null without TLS): an invalid configuration, or key
 * material that cannot be loaded, is refused whole, naming the PID. Immutable.
 */
record MqttSettings(String host, int port, String namespace, Payloads payloads, boolean nonRetainedAsParam, int maxPacketBytes, int maxInflight,
                    int sessionExpirySeconds, int maxQueuedMessages, int highWaterMark, int lowWaterMark, boolean epoll, int ioThreads,
                    int maxConnectionsPerIp, int maxHandshakesPerSecond, Duration handshakeTimeout, ServerTls tls) {

    static MqttSettings of(MqttTransportConfig config, Path dataFolder) {
        String host = config.host() == null || config.host().isBlank() ? "0.0.0.0" : config.host().trim();
        require(config.port() >= 0 && config.port() <= 65535, "port must be 0..65535, is " + config.port());
        String ns = config.namespace() == null ? "" : config.namespace().trim();
        require(ns.startsWith("/") && !ns.endsWith("/") && !ns.contains("//") && !ns.contains("*") && !ns.contains("+")
                && !ns.contains("#"), "namespace must be an address like /mqtt (no trailing slash, no wildcard), is '" + ns + "'");
        require(config.maxPacketBytes() >= 16, "maxPacketBytes must be at least 16, is " + config.maxPacketBytes());
        require(config.maxInflight() >= 1 && config.maxInflight() <= 65535, "maxInflight must be 1..65535, is " + config.maxInflight());
        require(config.sessionExpirySeconds() >= 0, "sessionExpirySeconds must be >= 0, is " + config.sessionExpirySeconds());
        require(config.maxQueuedMessages() >= 0, "maxQueuedMessages must be >= 0, is " + config.maxQueuedMessages());
        require(config.ioThreads() >= 0, "ioThreads must be >= 0, is " + config.ioThreads());
        require(config.maxConnectionsPerIp() >= 0, "maxConnectionsPerIp must be >= 0, is " + config.maxConnectionsPerIp());
        require(config.maxHandshakesPerSecond() >= 0,
                "maxHandshakesPerSecond must be >= 0, is " + config.maxHandshakesPerSecond());
        require(config.handshakeTimeoutSeconds() >= 1,
                "handshakeTimeoutSeconds must be at least 1, is " + config.handshakeTimeoutSeconds());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark");
        String nonRetained = config.nonRetained() == null ? "" : config.nonRetained().trim();
        require(nonRetained.equals("event") || nonRetained.equals("param"),
                "nonRetained must be event or param, is '" + nonRetained + "'");
        Payloads payloads;
        try {
            TlsPolicy.minVersion(config.tlsMinVersion());   // refused even while tls is off
            payloads = Payloads.parse(config.payload());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), e);
        }
        return new MqttSettings(host, config.port(), ns, payloads, nonRetained.equals("param"), config.maxPacketBytes(), config.maxInflight(),
                config.sessionExpirySeconds(), config.maxQueuedMessages(), config.writeBufferHighWaterMark(), config.writeBufferLowWaterMark(), config.epoll(), config.ioThreads(),
                config.maxConnectionsPerIp(), config.maxHandshakesPerSecond(), Duration.ofSeconds(config.handshakeTimeoutSeconds()),
                config.tls() ? tls(config, dataFolder) : null);
    }

    private static ServerTls tls(MqttTransportConfig config, Path dataFolder) {
        try {
            TlsSettings tls = new TlsSettings(config.tlsKeyStore(), config.tlsKeyStorePassword(), config.tlsKeyStoreType(),
                    config.tlsCertificate(), config.tlsPrivateKey(), ClientAuth.parse(config.tlsClientAuth()),
                    config.tlsTrustedCertificates(), dataFolder, config.tlsMinVersion()).validated();
            return ServerTls.load(tls, Duration.ofSeconds(config.handshakeTimeoutSeconds()), MqttTransport.PID);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw invalid("cannot use the TLS settings: " + e.getMessage(), e);
        }
    }

    /** "mqtts" with TLS, else "mqtt": the scheme of the endpoint. */
    String scheme() {
        return tls == null ? "mqtt" : "mqtts";
    }

    private static void require(boolean condition, String problem) {
        if (!condition) throw invalid(problem, null);
    }

    private static IllegalArgumentException invalid(String problem, Throwable cause) {
        return new IllegalArgumentException(MqttTransport.PID + ": invalid configuration: " + problem, cause);
    }
}
