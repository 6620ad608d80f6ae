package clasp.api.message;

import java.util.List;

/** RESULT (0x61): the signals answering a QUERY (meta is not carried). */
public record ResultMessage(List<SignalDefinition> signals) implements Message {
    public ResultMessage {
        signals = List.copyOf(signals);
    }

    @Override public MessageType type() { return MessageType.RESULT; }
}
