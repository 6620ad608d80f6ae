package clasp.api.message;

/** PING (0x41). */
public record PingMessage() implements Message {
    public static final PingMessage INSTANCE = new PingMessage();

    @Override public MessageType type() { return MessageType.PING; }
}
