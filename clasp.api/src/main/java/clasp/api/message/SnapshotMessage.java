package clasp.api.message;

import java.util.List;

/** SNAPSHOT (0x23): current params, as the reply to GET, on subscribe and after the handshake. */
public record SnapshotMessage(List<ParamEntry> params) implements Message {
    public SnapshotMessage {
        params = List.copyOf(params);
    }

    @Override public MessageType type() { return MessageType.SNAPSHOT; }
}
