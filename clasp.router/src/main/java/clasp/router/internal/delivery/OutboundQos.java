package clasp.router.internal.delivery;

import clasp.api.QoS;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;

/** The QoS bits of frames the router originates (router-semantics §10; decision D8). */
public final class OutboundQos {
    private OutboundQos() {}

    public static QoS of(Message m) {
        return switch (m.type()) {
            case SET, SUBSCRIBE, UNSUBSCRIBE, REPLAY, FEDERATION_SYNC -> QoS.CONFIRM;
            case BUNDLE -> QoS.COMMIT;
            case PUBLISH -> switch (((PublishMessage) m).signal()) {
                case PARAM, EVENT -> QoS.CONFIRM;
                case STREAM, GESTURE -> QoS.FIRE;
                case TIMELINE -> QoS.COMMIT;
            };
            default -> QoS.FIRE;
        };
    }
}
