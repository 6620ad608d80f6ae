package clasp.adapter.mqtt.internal;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;

/** The packets the server writes, for MQTT 3.1.1 ({@code v5} false) or 5. Stateless. */
final class MqttPackets {
    static final MqttMessage PINGRESP = new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    // MQTT 5 reason codes used here.
    static final int SUCCESS = 0x00;
    static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    static final int UNSPECIFIED = 0x80;
    static final int MALFORMED = 0x81;
    static final int PROTOCOL_ERROR = 0x82;
    static final int NOT_AUTHORIZED = 0x87;
    static final int SERVER_BUSY = 0x89;
    static final int SERVER_SHUTTING_DOWN = 0x8B;
    static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    static final int SESSION_TAKEN_OVER = 0x8E;
    static final int TOPIC_FILTER_INVALID = 0x8F;
    static final int TOPIC_NAME_INVALID = 0x90;
    static final int PACKET_TOO_LARGE = 0x95;
    static final int MESSAGE_RATE_TOO_HIGH = 0x96;
    static final int QUOTA_EXCEEDED = 0x97;
    static final int PAYLOAD_FORMAT_INVALID = 0x99;
    static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;

    private MqttPackets() {
    }

    static MqttConnAckMessage connAck(MqttConnectReturnCode code, MqttProperties properties) {
        return connAck(code, false, properties);
    }

    static MqttConnAckMessage connAck(MqttConnectReturnCode code, boolean sessionPresent, MqttProperties properties) {
        return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttConnAckVariableHeader(code, sessionPresent, properties));
    }

    static MqttPublishMessage publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retain, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId, MqttProperties.NO_PROPERTIES),
                Unpooled.wrappedBuffer(payload));
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP; the reason code is written for MQTT 5 only. */
    static MqttMessage reply(MqttMessageType type, int packetId, int reason) {
        MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, (byte) reason, MqttProperties.NO_PROPERTIES));
    }

    static MqttSubAckMessage subAck(int packetId, int[] codes) {
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(codes));
    }

    static MqttUnsubAckMessage unsubAck(int packetId, short[] codes, boolean v5) {
        return new MqttUnsubAckMessage(new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                v5 ? new MqttUnsubAckPayload(codes) : null);
    }

    static MqttMessage disconnect(int reason) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) reason, MqttProperties.NO_PROPERTIES));
    }
}
