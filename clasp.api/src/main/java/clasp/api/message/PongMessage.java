package clasp.api.message;

/** PONG (0x42). */
public record PongMessage() implements Message {
    public static final PongMessage INSTANCE = new PongMessage();

    @Override public MessageType type() { return MessageType.PONG; }
}
