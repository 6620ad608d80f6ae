package clasp.adapter.mqtt.internal;

import clasp.transport.netty.Wire;
import io.netty.buffer.ByteBuf;

/**
 * CLASP frames go down the pipeline as they are ({@link ClaspToMqtt} translates them); the close is a
 * {@link CloseRequest} that {@link ClaspToMqtt} turns into what the client's MQTT version has (an MQTT 5 DISCONNECT
 * with a reason, a refused CONNACK before the session started, or nothing). Stateless.
 */
final class MqttWire implements Wire {
    static final MqttWire INSTANCE = new MqttWire();
    /** Close codes from this offset up carry an MQTT 5 reason code: {@code REASON_BASE + reason}. */
    static final int REASON_BASE = 4000;

    /** The end of a connection, in its place in the outbound order. */
    record CloseRequest(int code, String reason) {
    }

    private MqttWire() {
    }

    @Override
    public Object message(ByteBuf frame) {
        return frame;
    }

    @Override
    public Object closeMessage(int code, String reason) {
        return new CloseRequest(code, reason);
    }
}
