package clasp.adapter.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the MQTT server adapter (PID {@value MqttTransport#PID}). */
@ObjectClassDefinition(
        name = "CLASP MQTT server adapter",
        description = "Accepts MQTT 3.1.1 and 5 clients: each is a router session named mqtt:<client id>, its topics "
                + "addresses under the namespace. A change restarts the listener (its clients reconnect).")
public @interface MqttTransportConfig {

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 listens on every interface.")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (MQTT 1883, MQTTS 8883; 0 picks a free port).", min = "0", max = "65535")
    int port() default 1883;

    @AttributeDefinition(description = "Address prefix of every topic: topic a/b is address <namespace>/a/b.")
    String namespace() default "/mqtt";

    @AttributeDefinition(description = "Payload mapping (as the MQTT bridge's): auto (UTF-8 tried as JSON, a decimal "
            + "number, true/false, else a string; other bytes stay bytes; out: numbers and booleans as text, strings raw, "
            + "bytes raw, arrays and maps as JSON), json (JSON both ways; bytes go out as an array of byte numbers), number, "
            + "string or bytes. In every mapping an empty payload is Null and Null an empty payload.", options = {
                    @Option(label = "auto", value = "auto"),
                    @Option(label = "json", value = "json"),
                    @Option(label = "number", value = "number"),
                    @Option(label = "string", value = "string"),
                    @Option(label = "bytes", value = "bytes")})
    String payload() default "auto";

    @AttributeDefinition(description = "What a non-retained PUBLISH becomes: event (a CLASP event, not stored: only "
            + "retained messages are state, as MQTT expects) or param (a SET, stored and replayed to later subscribers "
            + "like a retained message, as the reference adapter does). A retained PUBLISH is always a SET.", options = {
                    @Option(label = "event", value = "event"),
                    @Option(label = "param", value = "param")})
    String nonRetained() default "event";

    @AttributeDefinition(description = "Largest MQTT packet accepted, in bytes; a larger one closes that client "
            + "(MQTT 5: DISCONNECT 0x95 first).", min = "16")
    int maxPacketBytes() default 65536;

    @AttributeDefinition(description = "Most QoS 1 and 2 messages in flight to one client, unacknowledged; the client's "
            + "MQTT 5 Receive Maximum lowers it. Further messages wait, counted in the bytes queued for the client.",
            min = "1", max = "65535")
    int maxInflight() default 32;

    @AttributeDefinition(description = "Longest time, in seconds, a persistent session (MQTT 3.1.1 clean session false, "
            + "MQTT 5 Session Expiry Interval > 0, capped by this) outlives its connection: its router session and "
            + "subscriptions stay and QoS 1 and 2 messages queue for it. 0 serves every session as a clean one.", min = "0")
    int sessionExpirySeconds() default 3600;

    @AttributeDefinition(description = "Most messages queued for a persistent session while its client is away; further "
            + "ones are dropped and counted. QoS 0 messages are never queued.", min = "0")
    int maxQueuedMessages() default 1000;

    @AttributeDefinition(description = "Bytes queued for one client (in flight window included) above which the router "
            + "holds back and drops its messages (its slow-consumer rules apply).", min = "1")
    int writeBufferHighWaterMark() default 4 * 1024 * 1024;

    @AttributeDefinition(description = "Bytes queued for one client below which it takes messages again.", min = "0")
    int writeBufferLowWaterMark() default 2 * 1024 * 1024;

    @AttributeDefinition(description = "Use Netty's native epoll transport when it is available (Linux); NIO otherwise.")
    boolean epoll() default true;

    @AttributeDefinition(description = "I/O threads serving the clients; 0 = one per available processor. No client has "
            + "a thread of its own.", min = "0")
    int ioThreads() default 1;

    @AttributeDefinition(description = "Connections open at once from one IP address (loopback included), at most; one "
            + "more is closed as it is accepted, before any TLS or MQTT work, and counted. 0 = no limit.", min = "0")
    int maxConnectionsPerIp() default 256;

    @AttributeDefinition(description = "New connections (handshakes) per second from one IP address, at most, in bursts "
            + "of up to one second's worth; one more is closed as it is accepted and counted. 0 = no limit.", min = "0")
    int maxHandshakesPerSecond() default 50;

    @AttributeDefinition(description = "Seconds from a connection's acceptance by which its TLS handshake (MQTTS) and its "
            + "CONNECT packet must have arrived; a slower client is closed and counted.", min = "1")
    int handshakeTimeoutSeconds() default 10;

    @AttributeDefinition(description = "TLS: the oldest version accepted, TLSv1.2 or TLSv1.3. Older clients fail the "
            + "handshake. Only ECDHE key exchange with AEAD ciphers is offered for TLS 1.2.", options = {
            @org.osgi.service.metatype.annotations.Option(label = "TLSv1.2", value = "TLSv1.2"),
            @org.osgi.service.metatype.annotations.Option(label = "TLSv1.3", value = "TLSv1.3")})
    String tlsMinVersion() default "TLSv1.2";

    @AttributeDefinition(description = "Serve MQTTS (TLS 1.3 and 1.2). Without tlsKeyStore or tlsCertificate the "
            + "runtime's development certificate is used.")
    boolean tls() default false;

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

    @AttributeDefinition(description = "TLS: client certificates: none, optional or require.", options = {
            @Option(label = "none", value = "none"),
            @Option(label = "optional", value = "optional"),
            @Option(label = "require", value = "require")})
    String tlsClientAuth() default "none";

    @AttributeDefinition(description = "TLS: path of the PEM certificates (CAs) client certificates must chain to.")
    String tlsTrustedCertificates() default "";
}
