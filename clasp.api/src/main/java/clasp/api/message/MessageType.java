package clasp.api.message;

import clasp.api.QoS;

/** Message type codes, with the QoS a frame gets when the sender does not choose one. */
public enum MessageType {
    HELLO(0x01, QoS.FIRE),
    WELCOME(0x02, QoS.FIRE),
    ANNOUNCE(0x03, QoS.FIRE),
    FEDERATION_SYNC(0x04, QoS.CONFIRM),
    SUBSCRIBE(0x10, QoS.CONFIRM),
    UNSUBSCRIBE(0x11, QoS.CONFIRM),
    PUBLISH(0x20, QoS.CONFIRM),
    SET(0x21, QoS.CONFIRM),
    GET(0x22, QoS.FIRE),
    SNAPSHOT(0x23, QoS.FIRE),
    REPLAY(0x24, QoS.CONFIRM),
    BUNDLE(0x30, QoS.COMMIT),
    SYNC(0x40, QoS.FIRE),
    PING(0x41, QoS.FIRE),
    PONG(0x42, QoS.FIRE),
    ACK(0x50, QoS.FIRE),
    ERROR(0x51, QoS.FIRE),
    QUERY(0x60, QoS.FIRE),
    RESULT(0x61, QoS.FIRE);

    private static final MessageType[] BY_CODE = new MessageType[256];
    static {
        for (MessageType t : values()) BY_CODE[t.code] = t;
    }

    private final int code;
    private final QoS defaultQos;

    MessageType(int code, QoS defaultQos) { this.code = code; this.defaultQos = defaultQos; }

    public int code() { return code; }

    /** The QoS of the JS reference encoder's default (PUBLISH: see {@link PublishMessage#defaultQos()}). */
    public QoS defaultQos() { return defaultQos; }

    /** The type for a code byte, or null when the code is not a message type. */
    public static MessageType fromCode(int code) { return code >= 0 && code < 256 ? BY_CODE[code] : null; }
}
