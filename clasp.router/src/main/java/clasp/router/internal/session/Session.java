package clasp.router.internal.session;

import clasp.router.internal.delivery.SubscriptionIndex;
import clasp.router.internal.stream.StreamPolicy;

import clasp.api.SignalType;
import clasp.api.auth.Principal;
import clasp.api.message.Message;
import clasp.api.message.SubscribeOptions;
import io.netty.buffer.ByteBuf;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the router knows of one session, network or local: its id, its principal and its subscriptions.
 * Subscriptions are an immutable array swapped under this session's monitor, which also covers their entries in
 * the router's {@link SubscriptionIndex} (lock order: session monitor, then index monitor; a subscription that goes
 * is closed under the session monitor, which takes its stream gates to cancel their flushes); delivery reads neither
 * lock.
 */
public abstract class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final SessionSubscription[] NONE = {};
    private static final AtomicIntegerFieldUpdater<Session> FAILURES =
            AtomicIntegerFieldUpdater.newUpdater(Session.class, "deliveryFailures");

    private volatile String id;
    private volatile Principal principal = Principal.OPEN;
    private volatile SessionSubscription[] subs = NONE;
    private volatile int deliveryFailures;
    private volatile long heardMicros = Long.MIN_VALUE;   // router clock
    private final AddressRates writes = new AddressRates();

    /** Where a session's first failure is reported: the log (tests count the reports here). */
    public static volatile java.util.function.BiConsumer<Session, Throwable> failureLog = (session, e) ->
            LOG.warn("clasp.router: delivery to session {} failed; further failures of this session are counted, not logged",
                    session.id(), e);

    protected Session(String id) { this.id = id; }

    /** A new, unguessable session id. */
    static String newId() { return UUID.randomUUID().toString(); }

    public String id() { return id; }

    void renew(String newId) { this.id = newId; }

    /** Who this session acts for: set at HELLO for a network session; {@link Principal#OPEN} in open mode. */
    public Principal principal() { return principal; }

    public void principal(Principal p) { this.principal = p; }

    /** Where it comes from, for the audit log: the peer's address, or "local". */
    public String peer() { return "local"; }

    public int subscriptionCount() { return subs.length; }

    public boolean hasSubscription(long subId) { return subscription(subId) != null; }

    public SessionSubscription subscription(long subId) {
        for (SessionSubscription s : subs) if (s.id == subId) return s;
        return null;
    }

    /** Adds, or replaces (same id), a subscription, here and in {@code index}; {@code streams} enforces its options. */
    public synchronized SessionSubscription subscribe(long subId, String pattern, Set<SignalType> types, SubscribeOptions options,
                                               SubscriptionIndex index, StreamPolicy.Factory streams) {
        SessionSubscription sub = new SessionSubscription(this, subId, pattern, types, options, streams);
        SessionSubscription[] current = subs;
        SessionSubscription[] next = null;
        for (int i = 0; i < current.length && next == null; i++) {
            if (current[i].id != subId) continue;
            index.remove(current[i]);
            current[i].close();
            next = current.clone();
            next[i] = sub;
        }
        if (next == null) {
            next = java.util.Arrays.copyOf(current, current.length + 1);
            next[current.length] = sub;
        }
        subs = next;
        index.add(sub);
        return sub;
    }

    public synchronized void unsubscribe(long subId, SubscriptionIndex index) {
        SessionSubscription gone = subscription(subId);
        if (gone == null) return;
        index.remove(gone);
        gone.close();
        subs = java.util.Arrays.stream(subs).filter(s -> s != gone).toArray(SessionSubscription[]::new);
    }

    public synchronized void clearSubscriptions(SubscriptionIndex index) {
        for (SessionSubscription s : subs) {
            index.remove(s);
            s.close();
        }
        subs = NONE;
    }

    /** When this session last sent a frame or made a request, in router-clock µs ({@code Long.MIN_VALUE}: never). */
    public long heardMicros() { return heardMicros; }

    /** The session was just heard from (lock leases count from here). */
    protected void heard(long nowMicros) { heardMicros = nowMicros; }

    /**
     * Counts the writes of {@code m} (SET, PUBLISH, bundle items) per address in the current second of the router
     * clock; the first address past {@code max} writes in it, or null (also when {@code max} is 0: no limit).
     */
    protected String overAddressRate(Message m, int max, long nowMicros) {
        return max <= 0 ? null : writes.over(m, nowMicros / 1_000_000, max);
    }

    /** The text of the ERROR 429 for writes to {@code address} past {@code max} per second. */
    protected static String addressRateText(String address, int max) {
        return "Rate limit exceeded for " + address + ": " + max + " writes/second";
    }

    /** Whether this session still takes requests and deliveries. */
    public abstract boolean isOpen();

    /** Whether this session gets its own writes back (network sessions do; local ones only if asked). */
    public abstract boolean echoes();

    /** Whether {@link #deliver} needs the encoded frame (network sessions) or only the message (local ones). */
    public abstract boolean needsFrame();

    /** Whether delivered frames should carry their writer's QoS instead of the router's (an MQTT client's connection). */
    public boolean receivesWriterQos() { return false; }

    /**
     * Delivers a broadcast that {@code matched} (this session's subscriptions that took it; empty for a message sent
     * to this session directly). {@code frame} is the message encoded once for all recipients, or null when this
     * session does not {@link #needsFrame}: a network session takes a retained duplicate; a local one uses
     * {@code message}.
     */
    public abstract void deliver(Message message, ByteBuf frame, List<SessionSubscription> matched);

    /** Sends a direct reply (ACK, ERROR, SNAPSHOT, RESULT, PONG, SYNC, WELCOME); replies are never dropped. */
    public abstract void reply(Message message);

    /** A delivery to this session failed: counted always, logged the first time only, so one bad peer cannot flood the log. */
    public void deliveryFailed(Throwable e) {
        if (FAILURES.getAndIncrement(this) == 0) failureLog.accept(this, e);
    }

    /** How many deliveries to this session failed. */
    public int deliveryFailures() { return deliveryFailures; }
}
