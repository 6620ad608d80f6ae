package clasp.api.message;

import clasp.api.QoS;

/** A CLASP message. Immutable; equal when all fields are equal. */
public sealed interface Message
        permits HelloMessage, WelcomeMessage, AnnounceMessage, FederationSyncMessage, SubscribeMessage,
                UnsubscribeMessage, PublishMessage, SetMessage, GetMessage, SnapshotMessage, ReplayMessage,
                BundleMessage, SyncMessage, PingMessage, PongMessage, AckMessage, ErrorMessage, QueryMessage,
                ResultMessage {

    MessageType type();

    /** The QoS a frame carrying this message gets when its sender does not choose one. */
    default QoS defaultQos() { return type().defaultQos(); }
}
