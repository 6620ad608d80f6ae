package clasp.api.message;

import java.util.Objects;

/** GET (0x22) of one param; answered by a SNAPSHOT holding that address. */
public record GetMessage(String address) implements Message {
    public GetMessage {
        Objects.requireNonNull(address, "address");
    }

    @Override public MessageType type() { return MessageType.GET; }
}
