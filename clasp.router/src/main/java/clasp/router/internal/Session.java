package clasp.router.internal;

import clasp.api.SignalType;
import clasp.api.message.Message;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the router knows of one session, network or local: its id and its subscriptions. Subscriptions are an
 * immutable array swapped on change, so delivery reads them without a lock.
 */
abstract class Session {
    /** One subscription: its client-chosen id, matcher and type mask (0 = all types). */
    record Sub(long id, SegmentMatcher matcher, int typeMask) {
        boolean accepts(String address, String[] parts, SignalType type) {
            return (typeMask == 0 || type == null || (typeMask & type.maskBit()) != 0) && matcher.matches(address, parts);
        }
    }

    private static final Sub[] NONE = {};

    /** Addresses this session holds locked. */
    final Set<String> locks = ConcurrentHashMap.newKeySet();

    private volatile String id;
    private volatile Sub[] subs = NONE;

    Session(String id) { this.id = id; }

    public String id() { return id; }

    void renew(String newId) { this.id = newId; }

    int subscriptionCount() { return subs.length; }

    boolean hasSubscription(long subId) {
        for (Sub s : subs) if (s.id == subId) return true;
        return false;
    }

    /** Adds or replaces (same id) a subscription. */
    synchronized void subscribe(long subId, String pattern, Set<SignalType> types) {
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

    synchronized void unsubscribe(long subId) {
        subs = Arrays.stream(subs).filter(s -> s.id != subId).toArray(Sub[]::new);
    }

    synchronized void clearSubscriptions() { subs = NONE; }

    /** Whether any subscription takes a message of {@code type} at {@code address}. */
    boolean wants(String address, String[] parts, SignalType type) {
        for (Sub s : subs) if (s.accepts(address, parts, type)) return true;
        return false;
    }

    /** Whether this session gets its own writes back (network sessions do; local ones only if asked). */
    abstract boolean echoes();

    /**
     * Delivers a broadcast. {@code frame} is the message encoded once for all recipients: a network session
     * takes a retained duplicate; a local one uses {@code message}.
     */
    abstract void deliver(Message message, ByteBuf frame);

    /** Sends a direct reply (ACK, ERROR, SNAPSHOT, RESULT, PONG, SYNC, WELCOME); replies are never dropped. */
    abstract void reply(Message message);
}
