package clasp.adapter.osc.internal;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.osc.OscAddresses;
import clasp.osc.OscArgument;
import clasp.osc.OscBundle;
import clasp.osc.OscDecoder;
import clasp.osc.OscFormatException;
import clasp.osc.OscLimits;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import clasp.osc.OscTimetag;
import clasp.osc.OscValueMapping;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one datagram asks of the router ({@link Inbound}). A message is a SET of {@code namespace + address} with the
 * value of its arguments (shared mapping), or a PUBLISH event when its address matches an eventAddresses pattern;
 * {@code /clasp/subscribe ,s <pattern>} and {@code /clasp/unsubscribe ,s <pattern>} are requests, their pattern relative
 * to the namespace. A bundle is flattened, nested bundles too, into one list of writes at its latest timetag
 * ("immediately" when every timetag is). Malformed bytes, an address pattern or an address that cannot be a CLASP
 * address, or a bad request drop the whole datagram (a bundle is all or nothing). Stateless; any thread.
 */
final class OscToClasp {
    static final String SUBSCRIBE = "/clasp/subscribe";
    static final String UNSUBSCRIBE = "/clasp/unsubscribe";
    private static final Logger LOG = LoggerFactory.getLogger(OscToClasp.class);

    private final OscSettings settings;
    private final OscDecoder decoder;

    OscToClasp(OscSettings settings) {
        this.settings = settings;
        OscLimits defaults = OscLimits.DEFAULTS;
        this.decoder = new OscDecoder(new OscLimits(settings.maxDatagramBytes(), defaults.maxArguments(),
                defaults.maxBundleDepth(), defaults.maxArrayDepth()));
    }

    Inbound read(ByteBuf datagram) {
        OscPacket packet;
        try {
            packet = decoder.decode(datagram);
        } catch (OscFormatException e) {
            LOG.trace("{}: not an OSC packet: {}", OscTransport.PID, e.getMessage());
            return Inbound.refused(OscRefusal.MALFORMED);
        }
        List<Inbound.Request> requests = new ArrayList<>();
        List<Message> writes = new ArrayList<>();
        if (packet instanceof OscMessage m) {
            OscRefusal why = add(m, requests, writes);
            return why != null ? Inbound.refused(why) : new Inbound(requests, writes, false, null, null);
        }
        List<OscMessage> messages = new ArrayList<>();
        long latest = flatten((OscBundle) packet, messages, OscTimetag.IMMEDIATELY.bits());
        for (OscMessage m : messages) {
            OscRefusal why = add(m, requests, writes);
            if (why != null) return Inbound.refused(why);
        }
        Long at = latest == OscTimetag.IMMEDIATELY.bits() ? null : new OscTimetag(latest).toUnixMicros();
        return new Inbound(requests, writes, true, at, null);
    }

    /** Appends the messages of {@code bundle} and of every bundle in it, in order; returns the latest timetag's bits. */
    private static long flatten(OscBundle bundle, List<OscMessage> out, long latest) {
        long max = Long.compareUnsigned(bundle.timetag().bits(), latest) > 0 ? bundle.timetag().bits() : latest;
        for (OscPacket element : bundle.elements()) {
            if (element instanceof OscMessage m) {
                out.add(m);
            } else {
                max = flatten((OscBundle) element, out, max);
            }
        }
        return max;
    }

    private OscRefusal add(OscMessage m, List<Inbound.Request> requests, List<Message> writes) {
        String address = m.address();
        if (address.equals(SUBSCRIBE) || address.equals(UNSUBSCRIBE)) {
            String pattern = pattern(m);
            if (pattern == null) return OscRefusal.BAD_REQUEST;
            requests.add(new Inbound.Request(address.equals(SUBSCRIBE), pattern));
            return null;
        }
        String problem = OscAddresses.problem(address);
        if (problem != null) {
            LOG.trace("{}: {}", OscTransport.PID, problem);
            return OscRefusal.BAD_ADDRESS;
        }
        String clasp = OscAddresses.toClasp(settings.namespace(), address);
        Value value = OscValueMapping.toValue(m.arguments());
        writes.add(settings.isEvent(clasp) ? PublishMessage.event(clasp, value) : new SetMessage(clasp, value));
        return null;
    }

    /** The absolute pattern of a request's one string argument, or null when it has none or it is not a pattern. */
    private String pattern(OscMessage m) {
        if (m.arguments().size() != 1) return null;
        String relative;
        if (m.arguments().get(0) instanceof OscArgument.Text text) {
            relative = text.value();
        } else if (m.arguments().get(0) instanceof OscArgument.Symbol symbol) {
            relative = symbol.value();
        } else {
            return null;
        }
        try {
            AddressPattern.of(relative);
            return AddressPattern.of(settings.namespace() + relative).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
