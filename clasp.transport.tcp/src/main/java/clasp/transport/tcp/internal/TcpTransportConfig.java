package clasp.transport.tcp.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the TCP transport (PID {@value TcpTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP TCP transport",
        description = "Accepts CLASP clients over TCP: each frame is preceded by its length as a 4-byte big-endian "
                + "unsigned integer. Changes apply live: a new host or port rebinds this listener only (open "
                + "connections stay), a new epoll or ioThreads restarts it, anything else applies to new connections.")
public @interface TcpTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (CLASP TCP default 7331; 0 picks a free port).", min = "0", max = "65535")
    int port() default 7331;

    @AttributeDefinition(description = "Largest frame accepted, in bytes, not counting the 4-byte length prefix (65547 = "
            + "the largest legal CLASP frame including its timestamp). A length prefix above it, or 0, closes that "
            + "connection.", min = "4")
    int maxFrameBytes() default 65547;

    @AttributeDefinition(description = "Bytes queued for one connection above which it becomes unwritable and the peer "
            + "is no longer read (back-pressure).", min = "1")
    int writeBufferHighWaterMark() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one connection below which it becomes writable again and the "
            + "peer is read again.", min = "0")
    int writeBufferLowWaterMark() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Ask the operating system to probe idle connections (SO_KEEPALIVE), so that a "
            + "peer that vanished without a close is found. The router's own idle timeout applies either way.")
    boolean keepAlive() default true;

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "I/O threads serving the connections; 0 = one per available processor. Each "
            + "connection stays on one thread; the default, 1, writes every routed frame on the thread that read it.",
            min = "0")
    int ioThreads() default 1;

    @AttributeDefinition(description = "Connections open at once from one IP address (loopback included), at most; "
            + "one more is closed as it is accepted, before any TLS work, and counted. 0 = no limit.", min = "0")
    int maxConnectionsPerIp() default 256;

    @AttributeDefinition(description = "New connections (handshakes) per second from one IP address, at most, in bursts "
            + "of up to one second's worth; one more is closed as it is accepted and counted. 0 = no limit.", min = "0")
    int maxHandshakesPerSecond() default 50;

    @AttributeDefinition(description = "Seconds a TLS handshake may take from the connection's acceptance; a client "
            + "that has not finished it by then (slow or silent) is closed and counted.", min = "1")
    int handshakeTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Serve TLS (TLS 1.3 and 1.2): the length-prefixed frames travel inside it. Without "
            + "tlsKeyStore or tlsCertificate the runtime's development certificate is used (data/tls, its SHA-256 "
            + "fingerprint logged).")
    boolean tls() default false;

    @AttributeDefinition(description = "TLS: the oldest version accepted, TLSv1.2 or TLSv1.3. Older clients fail the "
            + "handshake. Only ECDHE key exchange with AEAD ciphers is offered for TLS 1.2.", options = {
                    @Option(label = "TLSv1.2", value = "TLSv1.2"),
                    @Option(label = "TLSv1.3", value = "TLSv1.3")})
    String tlsMinVersion() default "TLSv1.2";

    @AttributeDefinition(description = "TLS: path of a PKCS12 or JKS keystore with the listener's key and certificate chain.")
    String tlsKeyStore() default "";

    @AttributeDefinition(description = "TLS: the keystore's password (also the key's).", type = AttributeType.PASSWORD)
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(description = "TLS: the keystore's type, PKCS12 or JKS.")
    String tlsKeyStoreType() default "PKCS12";

    @AttributeDefinition(description = "TLS: instead of a keystore, path of the certificate chain in PEM (with tlsPrivateKey).")
    String tlsCertificate() default "";

    @AttributeDefinition(description = "TLS: path of the unencrypted private key in PEM (PKCS#8, 'BEGIN PRIVATE KEY'; a PKCS#1 or SEC1 key is refused with the openssl command that converts it).")
    String tlsPrivateKey() default "";

    @AttributeDefinition(description = "TLS: client certificates. none; optional (asked for, a client without one is "
            + "accepted, one with an untrusted or expired one refused); require (a client without a trusted, valid "
            + "certificate is refused during the handshake). A verified certificate's subject is the session's peer "
            + "identity.", options = {
                    @Option(label = "none", value = "none"),
                    @Option(label = "optional", value = "optional"),
                    @Option(label = "require", value = "require")})
    String tlsClientAuth() default "none";

    @AttributeDefinition(description = "TLS: path of the PEM certificates (CAs) client certificates must chain to; needed "
            + "when tlsClientAuth is not none.")
    String tlsTrustedCertificates() default "";
}
