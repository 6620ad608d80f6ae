package clasp.bridge.osc.internal;

import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.osc.OscAddresses;
import clasp.osc.OscBundle;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import clasp.osc.OscTimetag;
import clasp.osc.OscValueMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * OSC packets → CLASP messages (bridges.md §1.2, §1.3, §1.5 JAVA). A message becomes a SET at
 * {@code namespace + address}, or a PUBLISH event when its address matches the event override (without arguments: an
 * event without value). A bundle becomes one BUNDLE of all its messages, nested bundles flattened in order, with the
 * latest of its timetags as the timestamp in Unix µs (the router clock's domain); "immediately" gives no timestamp.
 * A message whose address cannot be a CLASP address refuses the whole packet (a bundle is applied whole or not at
 * all). Immutable.
 */
final class Inbound {
    /** Why a packet has no CLASP form. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private final String namespace;
    private final AddressPatterns events;

    Inbound(String namespace, AddressPatterns events) {
        this.namespace = namespace;
        this.events = events;
    }

    Message toClasp(OscPacket packet) throws Refused {
        if (packet instanceof OscMessage message) return message(message);
        OscBundle bundle = (OscBundle) packet;
        List<Message> messages = new ArrayList<>();
        long latest = flatten(bundle, messages);
        if (messages.isEmpty()) throw new Refused("bundle without messages");
        OscTimetag at = new OscTimetag(latest);
        return new BundleMessage(at.isImmediately() ? null : at.toUnixMicros(), messages);
    }

    /** Appends the bundle's messages in order; returns the latest timetag of it and its nested bundles. */
    private long flatten(OscBundle bundle, List<Message> out) throws Refused {
        long latest = bundle.timetag().bits();
        for (OscPacket element : bundle.elements()) {
            if (element instanceof OscMessage message) {
                out.add(message(message));
            } else {
                long nested = flatten((OscBundle) element, out);
                if (Long.compareUnsigned(nested, latest) > 0) latest = nested;
            }
        }
        return latest;
    }

    private Message message(OscMessage message) throws Refused {
        String problem = OscAddresses.problem(message.address());
        if (problem != null) throw new Refused(problem);
        String address = OscAddresses.toClasp(namespace, message.address());
        if (events.matches(message.address())) {
            return PublishMessage.event(address, message.arguments().isEmpty() ? null : OscValueMapping.toValue(message.arguments()));
        }
        Value value = OscValueMapping.toValue(message.arguments());
        return new SetMessage(address, value);
    }
}
