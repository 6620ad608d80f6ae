package clasp.router.internal.session;

import clasp.router.internal.match.SegmentMatcher;
import clasp.api.SignalType;
import clasp.api.message.Message;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;

/**
 * What the router knows of one session, network or local: its id and its subscriptions. Subscriptions are an
 * immutable array swapped on change, so delivery reads them without a lock.
 */
public abstract class Session {
    /** One subscription: its client-chosen id, matcher and type mask (0 = all types). */
    record Sub(long id, SegmentMatcher matcher, int typeMask) {
        boolean accepts(String address, String[] parts, SignalType type) {
            return (typeMask == 0 || type == null || (typeMask & type.maskBit()) != 0) && matcher.matches(address, parts);
        }
    }

    private static final Sub[] NONE = {};

    private volatile String id;
    private volatile Sub[] subs = NONE;

    Session(String id) { this.id = id; }

    /** A new, unguessable session id. */
    static String newId() { return UUID.randomUUID().toString(); }

    public String id() { return id; }

    void renew(String newId) { this.id = newId; }

    public int subscriptionCount() { return subs.length; }

    public boolean hasSubscription(long subId) {
        for (Sub s : subs) if (s.id == subId) return true;
        return false;
    }

    /** Adds or replaces (same id) a subscription. */
    public synchronized void subscribe(long subId, String pattern, Set<SignalType> types) {
        int mask = 0;
        for (SignalType t : types) mask |= t.maskBit();
        Sub sub = new Sub(subId, new SegmentMatcher(pattern), mask);
        Sub[] current = subs;
        for (int i = 0; i < current.length; i++) {
            if (current[i].id == subId) {
                Sub[] next = current.clone();
                next[i] = sub;
                subs = next;
                return;
            }
        }
        Sub[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = sub;
        subs = next;
    }

    public synchronized void unsubscribe(long subId) {
        subs = Arrays.stream(subs).filter(s -> s.id != subId).toArray(Sub[]::new);
    }

    public synchronized void clearSubscriptions() { subs = NONE; }

    /** Whether any subscription takes a message of {@code type} at {@code address}. */
    public boolean wants(String address, String[] parts, SignalType type) {
        for (Sub s : subs) if (s.accepts(address, parts, type)) return true;
        return false;
    }

    /** Whether this session gets its own writes back (network sessions do; local ones only if asked). */
    public abstract boolean echoes();

    /**
     * Delivers a broadcast. {@code frame} is the message encoded once for all recipients: a network session
     * takes a retained duplicate; a local one uses {@code message}.
     */
    public abstract void deliver(Message message, ByteBuf frame);

    /** Sends a direct reply (ACK, ERROR, SNAPSHOT, RESULT, PONG, SYNC, WELCOME); replies are never dropped. */
    public abstract void reply(Message message);
}
