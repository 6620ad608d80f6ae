package clasp.router.internal;

import clasp.api.Address;
import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.ParamState;
import clasp.api.router.RouterStats;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.protocol.WireSizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing logic shared by every session, network or local. Every request enters through one of the
 * public-to-the-package methods below, each of which asks the {@link Authoriser} first, with the session's
 * principal. Params live only in the {@link ParamStore}; writes to one address are serialised by a lock stripe and
 * applied with compare-and-set, so each subscriber sees one address's SETs in revision order (D3). Subscribers are
 * found through the {@link SubscriptionIndex}; delivery itself takes no lock.
 *
 * <p>Lock order: address stripes (several in index order), then a session's monitor, then the index's monitor.
 * The store and authoriser references are volatile; a store is replaced with every stripe held.
 */
final class RouterCore {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);
    static final Set<Feature> FEATURES =
            EnumSet.of(Feature.PARAM, Feature.EVENT, Feature.STREAM, Feature.GESTURE, Feature.TIMELINE);
    private static final String P2P_SIGNAL = "/clasp/p2p/signal/";
    private static final String P2P_ANNOUNCE = "/clasp/p2p/announce";
    /** A SNAPSHOT entry's fixed parts beyond address and value: revision, flags, writer (a UUID), timestamp. */
    private static final int ENTRY_OVERHEAD = 2 + 8 + 1 + 2 + 36 + 8;

    volatile RouterSettings settings;
    private volatile ParamStore store;
    private volatile Authoriser auth;
    private final RouterClock clock;
    private final ClaspCodec codec = ClaspCodec.defaults();
    private final SignalRegistry signals;
    private final GestureCoalescer gestures;   // used while settings.gestureCoalescing()
    private final Deadlines ttls;
    private final SubscriptionIndex index = new SubscriptionIndex();
    private final ParamChanges feed = this::changedElsewhere;
    private final Object[] stripes = new Object[1024];
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> p2pCapable = ConcurrentHashMap.newKeySet();
    private final long startedAt;
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder dropped = new LongAdder();

    RouterCore(RouterSettings settings, ParamStore store, Authoriser auth, RouterClock clock) {
        this.settings = settings;
        this.auth = auth;
        this.clock = clock;
        this.startedAt = clock.nowMicros();
        this.signals = new SignalRegistry(settings.maxSignals(), clock);
        for (int i = 0; i < stripes.length; i++) stripes[i] = new Object();
        this.gestures = new GestureCoalescer(clock, settings.gestureCoalesceIntervalMs() * 1_000L, this::stripe,
                (sender, m) -> fanout(sender, m, m.address(), SignalType.GESTURE, false));
        this.ttls = new Deadlines(clock, this::expireIfDue);
        this.store = store;
        store.attach(feed);
        armTtls(store);
    }

    private Object stripe(String address) { return stripes[stripeIndex(address)]; }

    private int stripeIndex(String address) { return (address.hashCode() & 0x7fffffff) % stripes.length; }

    /** Applies new settings to everything from now on; open sessions, params and locks stay (a config edit). */
    void reconfigure(RouterSettings next) {
        settings = next;
        signals.limit(next.maxSignals());
        gestures.interval(next.gestureCoalesceIntervalMs() * 1_000L);
    }

    RouterClock clock() { return clock; }

    /** Stops every deadline and detaches the store; sessions are closed by the component. */
    void stop() {
        ttls.clear();
        signals.clear();
        gestures.clear();
        store.detach();
    }

    static String newSessionId() { return UUID.randomUUID().toString(); }

    // ---- the SPIs behind the core

    /** Later requests are asked of {@code next}. */
    void useAuthoriser(Authoriser next) { this.auth = next; }

    /**
     * Switches to another param store while running. The new store is the truth from now on; params it lacks are
     * copied into it from the old store (so nothing written here is lost), params it has are kept as it has them.
     * Subscribers are not told of any difference. Done with every stripe held, so no write falls between the two.
     */
    void useStore(ParamStore next) {
        if (next == store) return;
        withAllStripes(() -> {
            ParamStore old = store;
            old.scan("", p -> next.compareAndSet(null, p));
            old.detach();
            store = next;
            next.attach(feed);
            armTtls(next);
        });
    }

    ParamStore store() { return store; }

    private void armTtls(ParamStore s) {
        long now = clock.nowMicros();
        s.scan("", p -> { if (Params.expires(p)) ttls.arm(p.address(), Math.max(Params.microsLeft(p, now), 0) + 1); });
    }

    private void withAllStripes(Runnable task) { holdFrom(0, task); }

    private void holdFrom(int i, Runnable task) {
        if (i == stripes.length) {
            task.run();
            return;
        }
        synchronized (stripes[i]) {
            holdFrom(i + 1, task);
        }
    }

    private boolean allows(Session s, Action action, String address) {
        try {
            return auth.allows(s.principal(), action, address);
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the authoriser failed on {} {}; refused", action, address, e);
            return false;
        }
    }

    private void require(Session s, Action action, String address, int code, String text) throws ClaspException {
        if (!allows(s, action, address)) throw new ClaspException(code, text, address);
    }

    // ---- sessions

    void register(Session s) { sessions.put(s.id(), s); }

    /** Removes a session: its subscriptions, its locks (D7) and its P2P mark. */
    void remove(Session s) {
        sessions.remove(s.id(), s);
        s.clearSubscriptions(index);
        p2pCapable.remove(s.id());
        releaseLocks(s);
    }

    int networkSessionCount() {
        int n = 0;
        for (Session s : sessions.values()) if (s instanceof NetworkSession) n++;
        return n;
    }

    Iterable<Session> sessions() { return sessions.values(); }

    WelcomeMessage welcome(String sessionId) {
        return new WelcomeMessage(1, FEATURES, clock.nowMicros(), sessionId, settings.name(), null);
    }

    /** Every param, in frames that fit (sent after WELCOME even when empty). */
    List<SnapshotMessage> fullSnapshot() {
        List<ParamEntry> all = new ArrayList<>();
        store.scan("", p -> all.add(Params.entry(p)));
        return Chunks.snapshots(all);
    }

    // ---- SET

    long set(Session s, SetMessage m) throws ClaspException {
        String address = m.address();
        require(s, Action.SET, address, ErrorCodes.FORBIDDEN, "Insufficient scope for write operation");
        checkDeliverable(m);
        synchronized (stripe(address)) {
            ParamStore st = store;
            ParamRecord cur = st.get(address);
            ParamRecord next = apply(s.id(), m, cur, st.size());
            write(st, cur, next);
            broadcastSet(s, m, next);
            return next.revision();
        }
    }

    /** D9: a value whose SNAPSHOT entry could not fit one frame would be lost to late joiners, so it is refused. */
    private static void checkDeliverable(SetMessage m) throws ClaspException {
        int max = Chunks.ENTRY_BYTES - ENTRY_OVERHEAD - WireSizes.utf8Length(m.address());
        if (WireSizes.valueSize(m.value()) > max) {
            throw new ClaspException(ErrorCodes.INVALID_VALUE, "Value too large: at most " + max
                    + " encoded bytes fit a param at this address", m.address());
        }
    }

    /** The param after {@code m} is applied to {@code cur} (null: not stored yet); the store is not touched. */
    private ParamRecord apply(String writer, SetMessage m, ParamRecord cur, int stored) throws ClaspException {
        long now = clock.nowMicros();
        if (cur == null) {
            if (stored >= settings.maxParams()) throw new ClaspException(ErrorCodes.STATE_ERROR, "AtCapacity", m.address());
            return new ParamRecord(m.address(), m.value(), 1, writer, now, m.lock() ? writer : null, m.ttl());
        }
        if (m.revision() != null && m.revision() != cur.revision()) {
            throw new ClaspException(ErrorCodes.STATE_ERROR, "RevisionConflict { expected: " + Long.toUnsignedString(m.revision())
                    + ", actual: " + cur.revision() + " }", m.address());
        }
        String holder = cur.lockHolder();
        // HARDEN §6.2: a non-holder's unlock does not bypass the lock.
        if (holder != null && !holder.equals(writer)) {
            throw new ClaspException(ErrorCodes.STATE_ERROR, "LockHeld { holder: \"" + holder + "\" }", m.address());
        }
        if (m.unlock()) holder = null;
        if (m.lock()) holder = writer;
        return new ParamRecord(m.address(), m.value(), cur.revision() + 1, writer, now, holder,
                m.ttl() != null ? m.ttl() : cur.ttl());
    }

    /** Writes {@code next} over {@code cur} (caller holds the stripe): the store, the lock tracking, the TTL deadline. */
    private void write(ParamStore st, ParamRecord cur, ParamRecord next) {
        if (!st.compareAndSet(cur, next)) throw new IllegalStateException("param store changed under its stripe lock: " + next.address());
        tracked(cur, next);
        if (Params.expires(next)) ttls.arm(next.address(), next.ttl().seconds() * 1_000_000L + 1);
    }

    /** Follows a lock moving from {@code before}'s holder to {@code after}'s (either null). */
    private void tracked(ParamRecord before, ParamRecord after) {
        String was = before == null ? null : before.lockHolder();
        String now = after == null ? null : after.lockHolder();
        String address = before != null ? before.address() : after.address();
        if (was != null && !was.equals(now)) trackLock(was, address, false);
        if (now != null && !now.equals(was)) trackLock(now, address, true);
    }

    /** Each session knows the addresses it holds locked, so that they are released when it goes (D7). */
    private void trackLock(String sessionId, String address, boolean held) {
        Session s = sessions.get(sessionId);
        if (s == null) return;
        if (held) s.locks.add(address);
        else s.locks.remove(address);
    }

    private void broadcastSet(Session sender, SetMessage m, ParamRecord p) {
        // The TTL is not forwarded: JS 3.3.2 clients cannot read it.
        SetMessage out = new SetMessage(p.address(), p.value(), p.revision(), m.lock(), m.unlock(), null);
        fanout(sender, out, p.address(), SignalType.PARAM, true);
    }

    private void releaseLocks(Session s) {
        for (String address : s.locks) {
            synchronized (stripe(address)) {
                ParamStore st = store;
                ParamRecord cur = st.get(address);
                if (cur != null && s.id().equals(cur.lockHolder())) st.compareAndSet(cur, Params.withLock(cur, null));
            }
        }
        s.locks.clear();
    }

    /**
     * The store's change feed: a change decided elsewhere (another router, a replica) and already in the store
     * reaches this router's subscribers as a SET with the revision it was given there. A removal is not sent (the
     * wire has no removal message), as for a TTL or an admin's delete.
     */
    private void changedElsewhere(ParamRecord before, ParamRecord after) {
        String address = after != null ? after.address() : before != null ? before.address() : null;
        if (address == null) return;
        synchronized (stripe(address)) {
            tracked(before, after);
            if (after == null) return;
            if (Params.expires(after)) ttls.arm(address, Math.max(Params.microsLeft(after, clock.nowMicros()), 0) + 1);
            fanout(null, new SetMessage(address, after.value(), after.revision()), address, SignalType.PARAM, true);
        }
    }

    ParamChanges changes() { return feed; }

    // ---- GET, SUBSCRIBE

    ParamRecord get(Session s, String address) throws ClaspException {
        require(s, Action.GET, address, ErrorCodes.FORBIDDEN, "Insufficient scope for read operation");
        return store.get(address);
    }

    /** Registers the subscription and returns the params it snapshots (glob match), possibly none. */
    List<ParamEntry> subscribe(Session s, long id, String pattern, Set<SignalType> types, SubscribeOptions options)
            throws ClaspException {
        int max = settings.maxSubscriptionsPerSession();
        if (s.subscriptionCount() >= max) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Subscription limit reached (max " + max + ")", pattern);
        }
        require(s, Action.SUBSCRIBE, pattern, ErrorCodes.FORBIDDEN, "Insufficient scope for subscription");
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        s.subscribe(id, pattern, types, options, index);
        if (!s.isOpen()) s.clearSubscriptions(index);   // it closed meanwhile: its close may have missed this one
        List<ParamEntry> matching = new ArrayList<>();
        store.scan(Glob.literalPrefix(pattern), p -> { if (Glob.matches(pattern, p.address())) matching.add(Params.entry(p)); });
        return matching;
    }

    void unsubscribe(Session s, long id) { s.unsubscribe(id, index); }

    int subscriptionCount() { return index.size(); }

    // ---- PUBLISH

    void publish(Session s, PublishMessage m) throws ClaspException {
        String address = m.address();
        require(s, Action.PUBLISH, address, ErrorCodes.FORBIDDEN, "Insufficient scope for publish operation");
        if (address.startsWith(P2P_SIGNAL)) {
            String target = address.substring(P2P_SIGNAL.length());
            if (!target.isEmpty() && target.indexOf('/') < 0) {
                Session to = sessions.get(target);
                if (to == null) throw new ClaspException(ErrorCodes.NOT_FOUND, "Target session not found: " + target, address);
                deliverOne(to, m);
                return;
            }
        }
        if (address.equals(P2P_ANNOUNCE)) {
            p2pCapable.add(s.id());
            fanout(s, m, address, null, false);
            return;
        }
        if (m.signal() == SignalType.GESTURE && settings.gestureCoalescing()) {
            synchronized (stripe(address)) {
                gestures.publish(s, m);
            }
            return;
        }
        fanout(s, m, address, m.signal(), false);
    }

    int openGestures() { return gestures.openCount(); }

    private void deliverOne(Session to, Message m) {
        ByteBuf frame = null;
        try {
            if (to.needsFrame() && (frame = encode(m)) == null) return;
            to.deliver(m, frame, List.of());
        } catch (RuntimeException e) {
            to.deliveryFailed(e);
        } finally {
            if (frame != null) frame.release();
        }
    }

    // ---- BUNDLE

    /** Applies the SETs then the PUBLISHes of a bundle, all or nothing; returns the last SET's revision or null. */
    Long bundle(Session s, BundleMessage b) throws ClaspException {
        if (!allows(s, Action.BUNDLE, null)) {
            throw new ClaspException(ErrorCodes.REJECTED, "Bundle rejected: insufficient scope", null);
        }
        List<SetMessage> sets = new ArrayList<>();
        List<PublishMessage> publishes = new ArrayList<>();
        for (Message m : b.messages()) {
            if (m instanceof SetMessage set) {
                if (!allows(s, Action.SET, set.address())) {
                    throw new ClaspException(ErrorCodes.REJECTED, "Bundle rejected: insufficient scope for SET to " + set.address(), set.address());
                }
                sets.add(set);
            } else if (m instanceof PublishMessage p) {
                if (!allows(s, Action.PUBLISH, p.address())) {
                    throw new ClaspException(ErrorCodes.REJECTED, "Bundle rejected: insufficient scope for PUBLISH to " + p.address(), p.address());
                }
                publishes.add(p);
            }
        }
        Long last = applySets(s, sets);
        for (PublishMessage p : publishes) fanout(s, p, p.address(), p.signal(), false);
        return last;
    }

    /** HARDEN §8: every SET is checked against the state it would meet before any is applied. */
    private Long applySets(Session s, List<SetMessage> sets) throws ClaspException {
        if (sets.isEmpty()) return null;
        TreeMap<Integer, Object> locks = new TreeMap<>();   // stripe locks in index order: no deadlock
        for (SetMessage m : sets) {
            int i = stripeIndex(m.address());
            locks.put(i, stripes[i]);
        }
        return lockAll(new ArrayList<>(locks.values()), 0, s, sets);
    }

    private Long lockAll(List<Object> locks, int i, Session s, List<SetMessage> sets) throws ClaspException {
        if (i < locks.size()) {
            synchronized (locks.get(i)) {
                return lockAll(locks, i + 1, s, sets);
            }
        }
        ParamStore st = store;
        Map<String, ParamRecord> staged = new LinkedHashMap<>();
        List<ParamRecord> before = new ArrayList<>();
        List<ParamRecord> results = new ArrayList<>();
        int created = 0;
        for (SetMessage m : sets) {
            checkDeliverable(m);
            ParamRecord cur = staged.containsKey(m.address()) ? staged.get(m.address()) : st.get(m.address());
            if (cur == null && st.size() + created >= settings.maxParams()) {
                throw new ClaspException(ErrorCodes.STATE_ERROR, "Bundle rejected: AtCapacity", m.address());
            }
            ParamRecord next;
            try {
                next = apply(s.id(), m, cur, st.size() + created);
            } catch (ClaspException e) {
                throw new ClaspException(e.code(), "Bundle rejected: " + e.getMessage(), m.address());
            }
            if (cur == null) created++;
            staged.put(m.address(), next);
            before.add(cur);
            results.add(next);
        }
        for (int k = 0; k < sets.size(); k++) {
            write(st, before.get(k), results.get(k));
            broadcastSet(s, sets.get(k), results.get(k));
        }
        return results.get(results.size() - 1).revision();
    }

    // ---- ANNOUNCE, QUERY

    void announce(Session s, AnnounceMessage a) throws ClaspException {
        require(s, Action.ANNOUNCE, a.namespace(), ErrorCodes.FORBIDDEN, "Insufficient scope for announce operation");
        if (!signals.register(a.signals())) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Signal limit reached (max " + settings.maxSignals() + ")", a.namespace());
        }
    }

    List<ResultMessage> query(Session s, String pattern) throws ClaspException {
        require(s, Action.QUERY, pattern, ErrorCodes.FORBIDDEN, "Insufficient scope for query operation");
        return Chunks.results(signals.query(pattern));
    }

    // ---- fan-out

    /**
     * Delivers {@code m} to every session with a matching subscription (type null: any filter), found through the
     * index: a network session gets it once however many of its subscriptions match, a local session once per
     * matching subscription's listener. The frame is encoded once, lazily, and shared by all network recipients.
     * One recipient's failure is that recipient's alone: it is counted and logged once per session, and the others
     * still get the message.
     */
    void fanout(Session sender, Message m, String address, SignalType type, boolean includeSender) {
        String[] parts = SegmentMatcher.split(address);
        List<SessionSubscription> matched = index.match(address, parts, type);
        if (matched.isEmpty()) return;
        Map<Session, List<SessionSubscription>> bySession = group(matched);
        clasp.api.Value value = m instanceof SetMessage set ? set.value() : m instanceof PublishMessage p ? p.value() : null;
        long now = clock.nowMicros();
        ByteBuf frame = null;
        boolean encodeFailed = false;
        try {
            for (Map.Entry<Session, List<SessionSubscription>> e : bySession.entrySet()) {
                Session r = e.getKey();
                if (r == sender && !(includeSender && r.echoes())) continue;
                if (r.needsFrame() && frame == null) {
                    if (encodeFailed) continue;
                    if ((frame = encode(m)) == null) {
                        encodeFailed = true;   // logged by encode; local recipients still get the message
                        continue;
                    }
                }
                try {
                    r.deliver(m, r.needsFrame() ? frame : null, e.getValue());
                    for (SessionSubscription sub : e.getValue()) sub.sent(address, value, now);
                } catch (RuntimeException failure) {
                    r.deliveryFailed(failure);
                }
            }
        } finally {
            if (frame != null) frame.release();
        }
    }

    /** The matched subscriptions by session, in match order; most fan-outs have one subscription per session. */
    private static Map<Session, List<SessionSubscription>> group(List<SessionSubscription> matched) {
        Map<Session, List<SessionSubscription>> out = new HashMap<>(matched.size() * 2);
        for (SessionSubscription s : matched) {
            List<SessionSubscription> list = out.get(s.session);
            if (list == null) out.put(s.session, List.of(s));
            else if (list.size() == 1) out.put(s.session, new ArrayList<>(List.of(list.get(0), s)));
            else list.add(s);
        }
        return out;
    }

    /** The message framed as the router sends it, or null (logged) if it cannot be encoded. */
    ByteBuf encode(Message m) {
        try {
            return codec.encode(new Frame(m, OutboundQos.of(m), null), PooledByteBufAllocator.DEFAULT);
        } catch (EncodeException e) {
            LOG.warn("clasp.router: cannot encode outbound {}: {}", m.type(), e.getMessage());
            return null;
        }
    }

    ClaspCodec codec() { return codec; }

    // ---- expiry, admin, state

    /** The TTL deadline of one address: removes the param once its own TTL ran out, silently, as in the reference. */
    private long expireIfDue(String address) {
        synchronized (stripe(address)) {
            ParamStore st = store;
            ParamRecord cur = st.get(address);
            if (cur == null || !Params.expires(cur)) return 0;
            long left = Params.microsLeft(cur, clock.nowMicros());
            if (left >= 0) return left + 1;
            if (st.compareAndSet(cur, null)) tracked(cur, null);
            return 0;
        }
    }

    int pendingTtls() { return ttls.pendingCount(); }

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    int removeParams(String pattern) {
        List<String> matching = new ArrayList<>();
        store.scan(Glob.literalPrefix(pattern), p -> { if (Glob.matches(pattern, p.address())) matching.add(p.address()); });
        int removed = 0;
        for (String address : matching) {
            synchronized (stripe(address)) {
                ParamStore st = store;
                ParamRecord cur = st.get(address);
                if (cur == null || !st.compareAndSet(cur, null)) continue;
                tracked(cur, null);
                removed++;
            }
        }
        return removed;
    }

    ParamState param(String address) {
        ParamRecord p = store.get(address);
        return p == null ? null : Params.state(p);
    }

    List<ParamState> params(String pattern) {
        List<ParamState> out = new ArrayList<>();
        store.scan(Glob.literalPrefix(pattern), p -> { if (Glob.matches(pattern, p.address())) out.add(Params.state(p)); });
        return out;
    }

    RouterStats stats(long inPerSecond, long outPerSecond) {
        return new RouterStats(startedAt, sessions.size(), store.size(), framesIn.sum(), framesOut.sum(), dropped.sum(),
                inPerSecond, outPerSecond);
    }
}
