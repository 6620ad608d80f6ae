package clasp.api.message;

/**
 * ACK (0x50). Every field is optional (null = absent); an empty address or holder is absent.
 * correlationId is a u32.
 */
public record AckMessage(String address, Long revision, Boolean locked, String holder, Long correlationId)
        implements Message {
    public AckMessage {
        address = Strings.emptyToNull(address);
        holder = Strings.emptyToNull(holder);
    }

    @Override public MessageType type() { return MessageType.ACK; }
}
