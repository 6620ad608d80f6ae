package clasp.test.peers.router;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.List;

/** How the bridges' tests print CLASP messages, so that an expected list reads like what a client got. */
public final class MessageLines {
    private MessageLines() { }

    /** "SET /osc/a INT:42" or "PUBLISH EVENT /osc/e STRING:"x"" (a PUBLISH without a value: "-"). */
    public static String line(Message message) {
        if (message instanceof SetMessage s) return "SET " + s.address() + " " + show(s.value());
        PublishMessage p = (PublishMessage) message;
        return "PUBLISH " + p.signal() + " " + p.address() + " " + show(p.value());
    }

    /** {@link #line} of each message, in order. */
    public static List<String> lines(List<? extends Message> messages) {
        return messages.stream().map(MessageLines::line).toList();
    }

    /** "/artnet/3/1=INT:42": a SET as a slot and its value. */
    public static String setLine(SetMessage set) {
        return set.address() + "=" + show(set.value());
    }

    /** "INT:42", "STRING:"x"": the value's kind and text; "-" for none. */
    private static String show(Value value) {
        return value == null ? "-" : value.kind() + ":" + value;
    }
}
