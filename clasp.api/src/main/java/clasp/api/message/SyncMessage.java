package clasp.api.message;

/** SYNC (0x40) clock exchange: t1 client send, t2 server receive, t3 server send (µs). */
public record SyncMessage(long t1, Long t2, Long t3) implements Message {
    @Override public MessageType type() { return MessageType.SYNC; }
}
