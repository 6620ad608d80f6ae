package clasp.api.message;

import clasp.api.SignalType;
import java.util.Objects;
import java.util.Set;

/** REPLAY (0x24) of journalled messages; from/to are u64 µs, limit u32, empty types = all. */
public record ReplayMessage(String pattern, Long from, Long to, Long limit, Set<SignalType> types) implements Message {
    public ReplayMessage {
        Objects.requireNonNull(pattern, "pattern");
        types = Set.copyOf(types);
    }

    @Override public MessageType type() { return MessageType.REPLAY; }
}
