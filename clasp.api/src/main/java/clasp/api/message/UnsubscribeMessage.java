package clasp.api.message;

/** UNSUBSCRIBE (0x11) of the client's subscription id. */
public record UnsubscribeMessage(long id) implements Message {
    @Override public MessageType type() { return MessageType.UNSUBSCRIBE; }
}
