package clasp.api.store;

import clasp.api.SignalType;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.Objects;

/**
 * One write the router accepted, as a {@link Journal} keeps it: an applied SET (with the revision it was given) or
 * a routed PUBLISH.
 *
 * @param timestamp when the router accepted it, µs since the epoch (router clock)
 * @param writer    the session id of its sender
 * @param message   a {@link SetMessage} carrying its revision, or a {@link PublishMessage}
 * @since 1.2
 */
public record JournalEntry(long timestamp, String writer, Message message) {
    public JournalEntry {
        Objects.requireNonNull(writer, "writer");
        if (!(message instanceof SetMessage) && !(message instanceof PublishMessage)) {
            throw new IllegalArgumentException("a journal keeps SETs and PUBLISHes, not " + message);
        }
    }

    /** The address written or published to. */
    public String address() {
        return message instanceof SetMessage s ? s.address() : ((PublishMessage) message).address();
    }

    /** {@link SignalType#PARAM} for a SET, the published signal type for a PUBLISH (null if it named none). */
    public SignalType signal() {
        return message instanceof SetMessage ? SignalType.PARAM : ((PublishMessage) message).signal();
    }
}
