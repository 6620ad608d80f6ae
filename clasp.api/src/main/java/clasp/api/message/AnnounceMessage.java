package clasp.api.message;

import java.util.List;

/** ANNOUNCE (0x03): signals a peer offers, under an optional namespace (empty = none). */
public record AnnounceMessage(String namespace, List<SignalDefinition> signals) implements Message {
    public AnnounceMessage {
        namespace = Strings.emptyToNull(namespace);
        signals = List.copyOf(signals);
    }

    @Override public MessageType type() { return MessageType.ANNOUNCE; }
}
