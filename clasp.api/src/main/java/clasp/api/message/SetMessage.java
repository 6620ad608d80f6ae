package clasp.api.message;

import clasp.api.Value;
import java.util.Objects;

/**
 * SET (0x21) of a param. From a client, {@code revision} is the expected revision (optimistic check);
 * from the server, the new revision. Absent fields are null.
 */
public record SetMessage(String address, Value value, Long revision, boolean lock, boolean unlock, Ttl ttl)
        implements Message {
    public SetMessage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(value, "value");
    }

    public SetMessage(String address, Value value) { this(address, value, null, false, false, null); }

    public SetMessage(String address, Value value, Long revision) { this(address, value, revision, false, false, null); }

    @Override public MessageType type() { return MessageType.SET; }
}
