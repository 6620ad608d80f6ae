package clasp.test.peers.router;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.Micros;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CLASP client's view: every message its subscription delivered, in order, with the router-clock time it arrived.
 * Recorded on the router's threads, read by the test's; the list is safe for both.
 */
public final class Observer {
    /** A message and the router-clock time (µs since the epoch) it reached the client. */
    public record Seen(Message message, long atMicros) { }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    Observer() { }

    void record(Message message) {
        seen.add(new Seen(message, Micros.now()));
    }

    /** Every message so far with its arrival time. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many messages so far. */
    public int size() {
        return seen.size();
    }

    /** Every message so far. */
    public List<Message> messages() {
        return seen.stream().map(Seen::message).toList();
    }

    /** The SETs among the messages so far. */
    public List<SetMessage> sets() {
        return seen.stream().map(Seen::message).filter(SetMessage.class::isInstance).map(SetMessage.class::cast).toList();
    }

    /** The values SET at {@code address} so far, in order. */
    public List<Value> values(String address) {
        return sets().stream().filter(s -> s.address().equals(address)).map(SetMessage::value).toList();
    }

    /** Every message so far as {@link MessageLines#line}: "SET /a INT:42", "PUBLISH EVENT /e STRING:"x"". */
    public List<String> lines() {
        return MessageLines.lines(messages());
    }

    /** The SETs so far as {@link MessageLines#setLine}: "/dmx/1/2=INT:200". */
    public List<String> setLines() {
        return sets().stream().map(MessageLines::setLine).toList();
    }
}
