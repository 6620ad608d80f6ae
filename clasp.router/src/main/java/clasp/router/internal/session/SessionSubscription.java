package clasp.router.internal.session;

import clasp.protocol.match.SegmentMatcher;

import clasp.api.SignalType;
import clasp.api.message.SubscribeOptions;
import clasp.router.internal.stream.StreamPolicy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of one session: its client-chosen id, pattern and compiled matcher, type filter, the SUBSCRIBE
 * options, and how many messages it has been sent. Its {@link #policy} enforces maxRate, epsilon and window per
 * address ({@code clasp.router.internal.stream}); history is served once, at SUBSCRIBE.
 *
 * <p>Threads: the fields are fixed at SUBSCRIBE; {@link #delivered} counts from any delivering thread. Only a
 * subscription with maxRate, epsilon or window has a policy (and state per address), so that a plain subscription
 * costs nothing per address; the policy is closed when the subscription goes.
 */
public final class SessionSubscription {
    public final Session session;
    public final long id;
    public final SegmentMatcher matcher;
    private final int typeMask;   // 0 = all types
    public final SubscribeOptions options;   // null: none
    /** maxRate, epsilon and window at work; null when the options ask for none of them. */
    public final StreamPolicy policy;
    private final AtomicLong delivered = new AtomicLong();

    public SessionSubscription(Session session, long id, String pattern, Set<SignalType> types, SubscribeOptions options) {
        this(session, id, pattern, types, options, null);
    }

    /** {@code streams} (null: options are stored, not enforced) builds the policy. */
    public SessionSubscription(Session session, long id, String pattern, Set<SignalType> types, SubscribeOptions options,
                               StreamPolicy.Factory streams) {
        this.session = session;
        this.id = id;
        this.matcher = new SegmentMatcher(pattern);
        int mask = 0;
        for (SignalType t : types) mask |= t.maskBit();
        this.typeMask = mask;
        this.options = options;
        this.policy = streams == null ? null : streams.of(this, options);
    }

    public String pattern() { return matcher.pattern(); }

    /** Whether a message of {@code type} (null: any filter passes) at the address is for this subscription. */
    public boolean accepts(String address, String[] parts, SignalType type) {
        return acceptsType(type) && matcher.matches(address, parts);
    }

    public boolean acceptsType(SignalType type) { return typeMask == 0 || type == null || (typeMask & type.maskBit()) != 0; }

    /** Counts one delivery to the subscriber. */
    public void sent() { delivered.incrementAndGet(); }

    public long delivered() { return delivered.get(); }

    /** The subscription went: whatever its policy holds back is discarded, its timeouts cancelled. */
    void close() {
        if (policy != null) policy.close();
    }
}
