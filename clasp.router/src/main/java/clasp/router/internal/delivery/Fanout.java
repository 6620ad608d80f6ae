package clasp.router.internal.delivery;

import clasp.api.QoS;
import clasp.api.SignalType;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.metrics.RouterCounters;
import clasp.protocol.match.SegmentMatcher;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import clasp.router.internal.stream.StreamGate;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message to every session whose subscriptions match it, found through the {@link SubscriptionIndex}: a
 * network session gets it once however many of its subscriptions match, a local session once per matching
 * subscription (each listener gets what its own subscription matched). The frame is encoded once, lazily, for all
 * network recipients. One recipient's failure (encode, send, listener) is that recipient's alone: it is counted and
 * logged once per session, and the others still get the message. A session whose matching subscriptions have stream
 * options gets it only if {@link StreamGate} lets it through now (a plain subscription always does).
 * Takes no lock: callers that need an order per address hold the address's stripe.
 */
public final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final ClaspCodec codec;
    private final RouterClock clock;
    private final RouterCounters counters;
    private final SubscriptionIndex index = new SubscriptionIndex();

    public Fanout(ClaspCodec codec, RouterClock clock, RouterCounters counters) {
        this.codec = codec;
        this.clock = clock;
        this.counters = counters;
    }

    /** Where sessions register their subscriptions. */
    public SubscriptionIndex index() { return index; }

    /** Delivers {@code m} to every session with a matching subscription (type null: any filter). */
    public void send(Session sender, Message m, String address, SignalType type, boolean includeSender) {
        List<SessionSubscription> matched = index.match(address, SegmentMatcher.split(address), type);
        if (matched.isEmpty()) return;
        Delivery d = new Delivery(m, address);
        try {
            if (matched.size() <= SMALL) {
                for (int i = 0; i < matched.size(); i++) {
                    Session r = matched.get(i).session;
                    if (seenBefore(matched, i, r)) continue;
                    if (r == sender && !(includeSender && r.echoes())) continue;
                    d.to(r, ofSession(matched, i, r));
                }
            } else {
                for (Map.Entry<Session, List<SessionSubscription>> e : bySession(matched).entrySet()) {
                    Session r = e.getKey();
                    if (r == sender && !(includeSender && r.echoes())) continue;
                    d.to(r, e.getValue());
                }
            }
        } finally {
            d.release();
        }
    }

    /** Up to this many matches are grouped by session with a scan instead of a map. */
    private static final int SMALL = 16;

    private static boolean seenBefore(List<SessionSubscription> matched, int i, Session r) {
        for (int j = 0; j < i; j++) if (matched.get(j).session == r) return true;
        return false;
    }

    /** The subscriptions of {@code r} from position {@code i} on (the one at {@code i} is r's first). */
    private static List<SessionSubscription> ofSession(List<SessionSubscription> matched, int i, Session r) {
        List<SessionSubscription> out = null;
        for (int j = i + 1; j < matched.size(); j++) {
            if (matched.get(j).session != r) continue;
            if (out == null) out = new ArrayList<>(List.of(matched.get(i)));
            out.add(matched.get(j));
        }
        return out == null ? List.of(matched.get(i)) : out;
    }

    /** One message on its way: the frame, encoded at most once, and what each recipient's failure costs (itself only). */
    private final class Delivery {
        final Message m;
        final String address;
        final long now = clock.nowMicros();
        final QoS writerQos = WriterQos.current();
        ByteBuf frame;
        ByteBuf writerFrame;   // the frame with the writer's QoS, made for the first recipient that takes it
        boolean unencodable;

        Delivery(Message m, String address) {
            this.m = m;
            this.address = address;
        }

        void to(Session r, List<SessionSubscription> subs) {
            subs = StreamGate.admit(subs, m, address, now);
            if (subs.isEmpty()) return;   // held back or dropped by the subscriptions' stream options
            if (r.needsFrame() && frame == null) {
                if (unencodable) return;
                if ((frame = encode(m)) == null) {
                    unencodable = true;   // logged by encode; local recipients still get the message
                    return;
                }
            }
            try {
                r.deliver(m, r.needsFrame() ? frameFor(r) : null, subs);
                counters.delivered();
                for (int i = 0; i < subs.size(); i++) subs.get(i).sent();
            } catch (RuntimeException failure) {
                r.deliveryFailed(failure);
            }
        }

        private ByteBuf frameFor(Session r) {
            if (writerQos == null || !r.receivesWriterQos() || writerQos == OutboundQos.of(m)) return frame;
            if (writerFrame == null) writerFrame = ClaspCodec.withQos(frame, writerQos);
            return writerFrame;
        }

        void release() {
            if (frame != null) frame.release();
            if (writerFrame != null) writerFrame.release();
        }
    }

    /** The matched subscriptions by session, in match order. */
    private static Map<Session, List<SessionSubscription>> bySession(List<SessionSubscription> matched) {
        Map<Session, List<SessionSubscription>> out = new LinkedHashMap<>(matched.size() * 2);
        for (SessionSubscription s : matched) {
            List<SessionSubscription> list = out.get(s.session);
            if (list == null) out.put(s.session, List.of(s));
            else if (list.size() == 1) out.put(s.session, new ArrayList<>(List.of(list.get(0), s)));
            else list.add(s);
        }
        return out;
    }

    /** Delivers {@code m} to one session, as a broadcast no subscription asked for (P2P signalling). */
    public void sendTo(Session to, Message m) { sendTo(to, m, List.of()); }

    /** Delivers {@code m} to {@code via}'s session as that subscription's (a stream option's later release). */
    public void sendTo(SessionSubscription via, Message m) {
        sendTo(via.session, m, List.of(via));
        via.sent();
    }

    private void sendTo(Session to, Message m, List<SessionSubscription> matched) {
        ByteBuf frame = null;
        try {
            if (to.needsFrame() && (frame = encode(m)) == null) return;
            to.deliver(m, frame, matched);
            counters.delivered();
        } catch (RuntimeException e) {
            to.deliveryFailed(e);
        } finally {
            if (frame != null) frame.release();
        }
    }

    /** The message framed as the router sends it, or null (logged) if it cannot be encoded. */
    public ByteBuf encode(Message m) {
        try {
            return codec.encode(new Frame(m, OutboundQos.of(m), null), PooledByteBufAllocator.DEFAULT);
        } catch (EncodeException e) {
            LOG.warn("clasp.router: cannot encode outbound {}: {}", m.type(), e.getMessage());
            return null;
        }
    }
}
