package clasp.adapter.osc.internal;

import clasp.api.message.Message;
import java.util.List;

/**
 * What one datagram asks of the router: its subscription requests, then its writes (SETs and events), as one BUNDLE
 * when it was an OSC bundle; or why it is dropped whole. Immutable.
 *
 * @param requests      {@code /clasp/subscribe} and {@code /clasp/unsubscribe}, in datagram order
 * @param writes        SETs and PUBLISH events, in datagram order
 * @param bundle        the datagram was an OSC bundle: its writes are applied together
 * @param atUnixMicros  a bundle's latest timetag in µs since the Unix epoch, or null for "immediately"
 * @param refusal       non-null when the datagram is dropped whole
 */
record Inbound(List<Request> requests, List<Message> writes, boolean bundle, Long atUnixMicros, OscRefusal refusal) {

    /** A subscription change; {@code pattern} is absolute (the namespace prefixed). */
    record Request(boolean subscribe, String pattern) {
    }

    static Inbound refused(OscRefusal why) {
        return new Inbound(List.of(), List.of(), false, null, why);
    }
}
