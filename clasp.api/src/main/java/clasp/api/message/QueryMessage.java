package clasp.api.message;

import java.util.Objects;

/** QUERY (0x60) for announced signals matching a pattern; answered by RESULT. */
public record QueryMessage(String pattern) implements Message {
    public QueryMessage {
        Objects.requireNonNull(pattern, "pattern");
    }

    @Override public MessageType type() { return MessageType.QUERY; }
}
