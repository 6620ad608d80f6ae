package clasp.transport.quic.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Option;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the QUIC transport (PID {@value QuicTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP QUIC transport",
        description = "Accepts CLASP clients over QUIC (TLS 1.3, ALPN clasp or clasp/2): each bidirectional stream a "
                + "client opens is one CLASP session, its bytes cut into frames by each frame header's own length.")
public @interface QuicTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "UDP port to listen on (0 picks a free port).", min = "0", max = "65535")
    int port() default 7333;

    @AttributeDefinition(description = "Largest CLASP frame accepted on a stream, in bytes (65547 = the largest legal CLASP "
            + "frame including its timestamp). A larger frame header ends that stream's session; other streams stay.", min = "5")
    int maxFrameBytes() default 65547;

    @AttributeDefinition(description = "Seconds without any packet after which a QUIC connection and all its sessions end "
            + "(QUIC max_idle_timeout; the lower of both sides' values applies).", min = "1")
    int idleTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Bidirectional streams, so sessions, a client may have open at once on one QUIC "
            + "connection (QUIC initial_max_streams_bidi; credit comes back as streams end). Clients cannot open "
            + "unidirectional streams.", min = "1")
    int maxStreams() default 4;

    @AttributeDefinition(description = "Bytes queued for one session above which it becomes unwritable and the peer is no "
            + "longer read (back-pressure).", min = "1")
    int writeBufferHighWaterMark() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one session below which it becomes writable again and the peer "
            + "is read again.", min = "0")
    int writeBufferLowWaterMark() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Use Netty's native epoll transport for the UDP socket when it is available (Linux); "
            + "NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "I/O threads; each has a UDP socket of its own on the same port (SO_REUSEPORT, "
            + "epoll only: with NIO one thread serves). A QUIC connection and its streams stay on one thread.", min = "1")
    int ioThreads() default 1;

    @AttributeDefinition(description = "TLS key material: path of a PKCS12 or JKS keystore holding the listener's key and "
            + "certificate chain. Leave this and tlsCertificate empty to use the runtime's development certificate "
            + "(generated once into the data folder, its SHA-256 fingerprint logged).")
    String tlsKeyStore() default "";

    @AttributeDefinition(description = "Password of tlsKeyStore (also its key's).", type = AttributeType.PASSWORD)
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(description = "Type of tlsKeyStore: PKCS12 or JKS.")
    String tlsKeyStoreType() default "PKCS12";

    @AttributeDefinition(description = "TLS key material as PEM files: path of the certificate chain (leaf first); "
            + "goes with tlsPrivateKey.")
    String tlsCertificate() default "";

    @AttributeDefinition(description = "Path of the private key in PEM (PKCS#8 or PKCS#1); goes with tlsCertificate.")
    String tlsPrivateKey() default "";

    @AttributeDefinition(description = "Client certificates: none, optional (asked for; a client without one is accepted, "
            + "one with an untrusted one refused) or require. A session's peer identity is its client certificate's "
            + "subject.", options = {
            @Option(label = "none", value = "none"),
            @Option(label = "optional", value = "optional"),
            @Option(label = "require", value = "require")})
    String tlsClientAuth() default "none";

    @AttributeDefinition(description = "Path of the PEM certificates (CAs or self-signed) client certificates must chain "
            + "to; needed when tlsClientAuth is optional or require.")
    String tlsTrustedCertificates() default "";
}
