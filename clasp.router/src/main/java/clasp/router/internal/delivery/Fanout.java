package clasp.router.internal.delivery;

import clasp.api.SignalType;
import clasp.api.message.Frame;
import clasp.api.message.Message;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.router.internal.match.SegmentMatcher;
import clasp.router.internal.session.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message to every session whose subscriptions match it, encoding it once for all network recipients.
 * Takes no lock: callers that need an order per address hold the address's stripe.
 */
public final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final ClaspCodec codec;
    private final Set<Session> subscribed = ConcurrentHashMap.newKeySet();

    public Fanout(ClaspCodec codec) { this.codec = codec; }

    /** The session has at least one subscription. */
    public void add(Session s) { subscribed.add(s); }

    /** The session has no subscription left, or is gone. */
    public void remove(Session s) { subscribed.remove(s); }

    /** Delivers {@code m} once to every session with a matching subscription (type null: any filter). */
    public void send(Session sender, Message m, String address, SignalType type, boolean includeSender) {
        String[] parts = SegmentMatcher.split(address);
        ByteBuf frame = null;
        try {
            for (Session r : subscribed) {
                if (r == sender && !(includeSender && r.echoes())) continue;
                if (!r.wants(address, parts, type)) continue;
                if (frame == null && (frame = encode(m)) == null) return;
                r.deliver(m, frame);
            }
        } finally {
            if (frame != null) frame.release();
        }
    }

    /** Delivers {@code m} to one session, as a broadcast (P2P signalling). */
    public void sendTo(Session to, Message m) {
        ByteBuf frame = encode(m);
        if (frame == null) return;
        try {
            to.deliver(m, frame);
        } finally {
            frame.release();
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
