package clasp.router.internal.session;

import clasp.router.internal.match.SegmentMatcher;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.SubscribeOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of one session: its client-chosen id, pattern and compiled matcher, type filter, the SUBSCRIBE
 * options, and what it has been sent. This is where per-subscription delivery policy lives: maxRate, epsilon,
 * window and history (stored as the client sent them; enforcing them is a later change) and per-subscription QoS.
 *
 * <p>Threads: the fields are fixed at SUBSCRIBE; {@link #delivered} counts from any delivering thread. The
 * per-address last value and send time are kept only for subscriptions with options, the ones that will need
 * them, so that a plain subscription costs nothing per address; writers of one address's entry are serialised by
 * that address's stripe for SETs (PUBLISHes race benignly: last writer wins).
 */
public final class SessionSubscription {
    /** The last value sent for one address and when (µs since the epoch). */
    public record LastSent(Value value, long sentMicros) { }

    public final Session session;
    public final long id;
    public final SegmentMatcher matcher;
    private final int typeMask;   // 0 = all types
    public final SubscribeOptions options;   // null: none
    private final AtomicLong delivered = new AtomicLong();
    private final ConcurrentHashMap<String, LastSent> lastSent;   // null without options

    public SessionSubscription(Session session, long id, String pattern, Set<SignalType> types, SubscribeOptions options) {
        this.session = session;
        this.id = id;
        this.matcher = new SegmentMatcher(pattern);
        int mask = 0;
        for (SignalType t : types) mask |= t.maskBit();
        this.typeMask = mask;
        this.options = options;
        this.lastSent = options == null ? null : new ConcurrentHashMap<>();
    }

    public String pattern() { return matcher.pattern(); }

    /** Whether a message of {@code type} (null: any filter passes) at the address is for this subscription. */
    public boolean accepts(String address, String[] parts, SignalType type) {
        return acceptsType(type) && matcher.matches(address, parts);
    }

    public boolean acceptsType(SignalType type) { return typeMask == 0 || type == null || (typeMask & type.maskBit()) != 0; }

    /** Records one delivery of {@code value} (null for a PUBLISH without one) to the subscriber. */
    public void sent(String address, Value value, long nowMicros) {
        delivered.incrementAndGet();
        if (lastSent != null) lastSent.put(address, new LastSent(value, nowMicros));
    }

    public long delivered() { return delivered.get(); }

    /** What was last sent for {@code address}, or null (always null for a subscription without options). */
    public LastSent lastSent(String address) { return lastSent == null ? null : lastSent.get(address); }
}
