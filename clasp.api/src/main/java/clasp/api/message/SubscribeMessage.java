package clasp.api.message;

import clasp.api.SignalType;
import java.util.Objects;
import java.util.Set;

/**
 * SUBSCRIBE (0x10). {@code id} is the client's u32 subscription id; an empty {@code types} set means all types;
 * options without any field are no options.
 */
public record SubscribeMessage(long id, String pattern, Set<SignalType> types, SubscribeOptions options)
        implements Message {
    public SubscribeMessage {
        Objects.requireNonNull(pattern, "pattern");
        types = Set.copyOf(types);
        if (options != null && options.isEmpty()) options = null;
    }

    public SubscribeMessage(long id, String pattern) { this(id, pattern, Set.of(), null); }

    @Override public MessageType type() { return MessageType.SUBSCRIBE; }
}
