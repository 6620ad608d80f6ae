package clasp.transport.websocket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the WebSocket transport (PID {@value WebSocketTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP WebSocket transport",
        description = "Accepts CLASP clients over WebSocket (binary messages, one CLASP frame each).")
public @interface WebSocketTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (CLASP default 7330; 0 picks a free port).", min = "0", max = "65535")
    int port() default 7330;

    @AttributeDefinition(description = "Informational: the path clients are told to use. Upgrades are accepted on any path.")
    String path() default "/";

    @AttributeDefinition(description = "Largest WebSocket message accepted, in bytes (65547 = the largest legal CLASP frame "
            + "including its timestamp). A larger message closes that connection with 1009.", min = "4")
    int maxFrameBytes() default 65547;

    @AttributeDefinition(description = "Seconds between the WebSocket pings the server sends to every connection; 0 = off.", min = "0")
    int pingIntervalSeconds() default 30;

    @AttributeDefinition(description = "Bytes queued for one connection above which it becomes unwritable and the peer "
            + "is no longer read (back-pressure).", min = "1")
    int writeBufferHighWaterMark() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one connection below which it becomes writable again and the "
            + "peer is read again.", min = "0")
    int writeBufferLowWaterMark() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Connections accepted and not yet upgraded to WebSocket, at most; beyond it a new "
            + "connection gets 503 at once, before any HTTP work, so a storm of connections cannot starve live sessions.",
            min = "1")
    int maxPendingUpgrades() default 256;

    @AttributeDefinition(description = "Connections open at once from one IP address (loopback included), at most; one "
            + "more is closed as it is accepted, before any TLS or HTTP work, and counted. 0 = no limit.", min = "0")
    int maxConnectionsPerIp() default 256;

    @AttributeDefinition(description = "New connections (handshakes) per second from one IP address, at most, in bursts "
            + "of up to one second's worth; one more is closed as it is accepted and counted. 0 = no limit.", min = "0")
    int maxHandshakesPerSecond() default 50;

    @AttributeDefinition(description = "Seconds from a connection's acceptance by which its TLS handshake (wss) and its "
            + "WebSocket upgrade request must be done; a slower client (a request dribbled byte by byte, a handshake "
            + "never finished) is closed and counted.", min = "1")
    int handshakeTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Origins (scheme://host[:port], comma-separated) whose browser pages may open a "
            + "WebSocket; an upgrade request with another Origin header gets 403. A request without Origin (not from a "
            + "browser: the Java client, the JS client under Node) is always allowed. Empty = every origin.",
            required = false)
    String allowedOrigins() default "";

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "I/O threads serving the connections; 0 = one per available processor. Each "
            + "connection stays on one thread. The default, 1, writes every routed frame on the thread that read it: with "
            + "more threads a delivery to a connection on another thread wakes that thread, which at one message per "
            + "wake-up costs about half as much again per delivery (docs/benchmarks.md). Raise it when one core cannot "
            + "carry the traffic.", min = "0")
    int ioThreads() default 1;

    @AttributeDefinition(description = "Which HTTP endpoints of other bundles this listener serves, by their path: * = "
            + "every one (the dashboard /ui, /metrics, /health, /ready, ...); a comma-separated list (e.g. /health,/ready) "
            + "= only those; empty = none (every other path is 404). CLASP, / and /sse are not affected.",
            required = false)
    String httpPaths() default "*";

    @AttributeDefinition(description = "Serve the server-sent events observer: GET /sse?pattern=<CLASP pattern> streams the "
            + "params matching the pattern as they change (text/event-stream, one JSON event per change). Off: /sse is 404.")
    boolean sse() default true;

    @AttributeDefinition(description = "Seconds between the heartbeat comments (': ping') sent to every SSE client, and "
            + "between the checks for SSE clients too slow to read; 0 = neither.", min = "0")
    int sseHeartbeatSeconds() default 15;

    @AttributeDefinition(description = "Bytes queued for one SSE client above which it counts as not reading: the router "
            + "then keeps only the latest value per param for it, and a client still above it at the next heartbeat is "
            + "closed.", min = "1")
    int sseMaxQueuedBytes() default 1024 * 1024;

    @AttributeDefinition(description = "Seconds a closed SSE stream's record of what it delivered is kept, so that a "
            + "client reconnecting with Last-Event-ID gets only what changed since; 0 = no resumption.", min = "0")
    int sseResumeSeconds() default 300;

    @AttributeDefinition(description = "Closed SSE streams kept for resumption at most; the oldest is forgotten first.",
            min = "0")
    int sseResumeStreams() default 1000;

    @AttributeDefinition(description = "Serve TLS (wss:// and https:// for /sse; TLS 1.3 and 1.2). Without tlsKeyStore or "
            + "tlsCertificate the runtime's development certificate is used, its SHA-256 fingerprint logged.")
    boolean tls() default false;

    @AttributeDefinition(description = "TLS: the oldest version accepted, TLSv1.2 or TLSv1.3. Older clients fail the "
            + "handshake. Only ECDHE key exchange with AEAD ciphers is offered for TLS 1.2.", options = {
            @org.osgi.service.metatype.annotations.Option(label = "TLSv1.2", value = "TLSv1.2"),
            @org.osgi.service.metatype.annotations.Option(label = "TLSv1.3", value = "TLSv1.3")})
    String tlsMinVersion() default "TLSv1.2";

    @AttributeDefinition(description = "Path of a PKCS12 or JKS keystore with the listener's key and certificate chain.", required = false)
    String tlsKeyStore() default "";

    @AttributeDefinition(description = "Password of tlsKeyStore (also the key's).", type = AttributeType.PASSWORD, required = false)
    String tlsKeyStorePassword() default "";

    @AttributeDefinition(description = "Type of tlsKeyStore: PKCS12 or JKS.", required = false)
    String tlsKeyStoreType() default "PKCS12";

    @AttributeDefinition(description = "Instead of a keystore: PEM file with the certificate chain (with tlsPrivateKey).", required = false)
    String tlsCertificate() default "";

    @AttributeDefinition(description = "PEM file with the unencrypted private key (PKCS#8, 'BEGIN PRIVATE KEY'; a PKCS#1 or SEC1 key is refused with the openssl command that converts it).", required = false)
    String tlsPrivateKey() default "";

    @AttributeDefinition(description = "Client certificates: none, optional (asked for; an untrusted one is refused) or "
            + "require (a client without a trusted certificate is refused). The certificate's subject is the peer "
            + "identity the router sees.", options = {
            @org.osgi.service.metatype.annotations.Option(label = "none", value = "none"),
            @org.osgi.service.metatype.annotations.Option(label = "optional", value = "optional"),
            @org.osgi.service.metatype.annotations.Option(label = "require", value = "require")})
    String tlsClientAuth() default "none";

    @AttributeDefinition(description = "PEM file with the certificates client certificates must chain to; needed when "
            + "tlsClientAuth is not none.", required = false)
    String tlsTrustedCertificates() default "";
}
