package clasp.adapter.mqtt.internal;

import clasp.transport.netty.Refusals;

/** What the MQTT listener refuses, closes or drops, as its periodic report names it. */
enum MqttRefusal implements Refusals.Kind {
    MALFORMED("closed: malformed MQTT packet or protocol violation"),
    TOO_BIG("closed: packet above maxPacketBytes"),
    BAD_CONNECT("refused: CONNECT with an unsupported protocol version or an invalid client id"),
    KEEP_ALIVE("closed: no packet within 1.5 x keep-alive (will published)"),
    TAKEN_OVER("closed: taken over by a new connection with the same client id"),
    RATE_LIMITED("closed: over the router's rate limit"),
    BAD_TOPIC("refused: topic or filter that cannot be a CLASP address"),
    PUBLISH_REFUSED("acknowledged but dropped: a PUBLISH the router refused (MQTT 3.1.1 has no failure code)"),
    TOO_BIG_FOR_CLIENT("dropped: a message above the MQTT 5 client's Maximum Packet Size"),
    BAD_PAYLOAD("refused: a payload the configured payload format cannot read"),
    UNENCODABLE("dropped: a value the configured payload format cannot write"),
    QUEUE_FULL("dropped: a message for an away persistent session past maxQueuedMessages"),
    TLS_FAILED("closed: TLS handshake failed"),
    CONNECT_TIMEOUT("closed: no CONNECT (TLS handshake included) within handshakeTimeoutSeconds"),
    TOO_MANY_CONNECTIONS("closed as accepted: over maxConnectionsPerIp"),
    TOO_MANY_HANDSHAKES("closed as accepted: over maxHandshakesPerSecond");

    private final String text;

    MqttRefusal(String text) {
        this.text = text;
    }

    @Override
    public String text() {
        return text;
    }
}
