package clasp.api.message;

import java.util.List;

/** BUNDLE (0x30): messages applied together, optionally at a scheduled time (u64 µs). */
public record BundleMessage(Long timestamp, List<Message> messages) implements Message {
    public BundleMessage {
        messages = List.copyOf(messages);
    }

    @Override public MessageType type() { return MessageType.BUNDLE; }
}
