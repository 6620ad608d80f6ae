package clasp.bridge.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one MQTT bridge instance (factory PID {@value MqttBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP MQTT bridge",
        description = "Links the router to an external MQTT broker: messages on the inbound topic filters become SETs "
                + "(or PUBLISHes) under the namespace, SETs and PUBLISHes matching the outbound patterns are published "
                + "to the broker. A change re-creates the instance.")
public @interface MqttBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges; it also names the "
            + "bridge's threads (clasp-bridge-mqtt-<id>-...). Default: the configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "The broker: tcp://host:port (default port 1883) or ssl://host:port (TLS, default 8883).")
    String brokerUri() default "tcp://localhost:1883";

    @AttributeDefinition(description = "MQTT protocol version spoken to the broker.", options = {
            @Option(label = "MQTT 5", value = "5"),
            @Option(label = "MQTT 3.1.1", value = "3.1.1")})
    String mqttVersion() default "5";

    @AttributeDefinition(description = "The MQTT client id; empty: clasp-<8 random hex digits>, new for each instance. "
            + "Two clients with the same id at one broker take the connection from each other.")
    String clientId() default "";

    @AttributeDefinition(description = "User name sent in CONNECT; empty: none.")
    String username() default "";

    @AttributeDefinition(name = ".password", description = "Password sent in CONNECT (a private property: never shown "
            + "by the shell, never a service property); empty: none.", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "TLS (ssl:// URIs): path of the PEM certificates (CAs) the broker's certificate "
            + "must chain to; empty: the JVM's default trust store.")
    String tlsTrustedCertificates() default "";

    @AttributeDefinition(description = "TLS: path of a PKCS12 keystore with a client certificate and key, for brokers "
            + "that require one; empty: none.")
    String tlsKeyStore() default "";

    @AttributeDefinition(name = ".tlsKeyStorePassword", description = "TLS: the client keystore's password (a private "
            + "property, never shown).", type = AttributeType.PASSWORD)
    String _tlsKeyStorePassword() default "";

    @AttributeDefinition(description = "MQTT topic filters subscribed at the broker (+ and # allowed); each message "
            + "becomes a write at <namespace>/<topic>. A filter may carry its own QoS: home/#;qos=2. Empty: nothing comes in.")
    String[] inboundTopics() default {"#"};

    @AttributeDefinition(description = "What is published to the broker: CLASP patterns (starting with '/', e.g. "
            + "/mqtt/**), or MQTT filters under the namespace (e.g. lights/+ = <namespace>/lights/*). Empty: the "
            + "whole namespace, <namespace>/**. An address under the namespace is published as the topic after it; "
            + "one outside as its full path without the leading '/'.")
    String[] outboundPatterns() default {};

    @AttributeDefinition(description = "The CLASP address prefix of this broker's topics.")
    String namespace() default "/mqtt";

    @AttributeDefinition(description = "QoS of the subscriptions and of what is published (0, 1 or 2); stream samples use streamQos.",
            min = "0", max = "2")
    int qos() default 1;

    @AttributeDefinition(description = "QoS of outbound stream samples, and of the subscriptions when inboundSignal is stream.",
            min = "0", max = "2")
    int streamQos() default 0;

    @AttributeDefinition(description = "Publish SETs with the retain flag, so the broker keeps the param's value for "
            + "later subscribers (PUBLISHes are never retained).")
    boolean retainSets() default true;

    @AttributeDefinition(description = "Payload encoding both ways. auto: JSON, else a decimal number, else true/false, "
            + "else a string inbound; numbers as decimal text, strings raw, bytes raw, arrays and maps as JSON outbound. "
            + "json: everything JSON both ways (lossless). number: decimal text only. string: UTF-8 text only. "
            + "bytes: raw bytes only.", options = {
                    @Option(label = "auto", value = "auto"),
                    @Option(label = "json", value = "json"),
                    @Option(label = "number", value = "number"),
                    @Option(label = "string", value = "string"),
                    @Option(label = "bytes", value = "bytes")})
    String payload() default "auto";

    @AttributeDefinition(description = "What an inbound message becomes. param: a SET; event: a SET when retained, "
            + "otherwise a PUBLISH event; stream: a PUBLISH stream sample.", options = {
                    @Option(label = "param", value = "param"),
                    @Option(label = "event", value = "event"),
                    @Option(label = "stream", value = "stream")})
    String inboundSignal() default "param";

    @AttributeDefinition(description = "An MQTT topic where the bridge keeps true (retained) while it is connected; its "
            + "last will sets it to false when the bridge goes (closed, or cut off). Empty: none.")
    String onlineTopic() default "";

    @AttributeDefinition(description = "MQTT keep-alive in seconds (0: none).", min = "0", max = "65535")
    int keepAliveSeconds() default 60;

    @AttributeDefinition(description = "Seconds to wait for the broker's CONNACK before a connection attempt counts as failed.",
            min = "1")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "First reconnect delay in milliseconds after the broker went away or refused; "
            + "it doubles after each failed attempt up to reconnectMaxMs.", min = "10")
    long reconnectMinMs() default 500;

    @AttributeDefinition(description = "Longest reconnect delay in milliseconds.", min = "10")
    long reconnectMaxMs() default 30_000;

    @AttributeDefinition(description = "Outbound messages kept while the broker is away or slow (published in order "
            + "once it is back). Past it the oldest queued message is dropped and counted; the last value of each "
            + "retained topic is republished anyway.", min = "1")
    int maxQueued() default 10_000;

    @AttributeDefinition(description = "Outbound messages sent but not yet acknowledged by the broker, at most.",
            min = "1", max = "65535")
    int maxInFlight() default 64;

    @AttributeDefinition(description = "Largest inbound payload accepted, in bytes; a larger message is dropped and counted.",
            min = "0")
    int maxPayloadBytes() default 65_000;

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "write:/mqtt/**, read:/mqtt/**; empty: all (admin:/**). The router's authoriser decides every write "
            + "and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
