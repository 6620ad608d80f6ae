package clasp.api.message;

import java.util.Objects;

/** ERROR (0x51) with a protocol error code (u16), its text, and optionally the address and correlation id. */
public record ErrorMessage(int code, String message, String address, Long correlationId) implements Message {
    public ErrorMessage {
        Objects.requireNonNull(message, "message");
    }

    public ErrorMessage(int code, String message) { this(code, message, null, null); }

    @Override public MessageType type() { return MessageType.ERROR; }
}
