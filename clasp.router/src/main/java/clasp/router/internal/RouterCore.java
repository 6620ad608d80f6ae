package clasp.router.internal;

import clasp.api.Address;
import clasp.api.Feature;
import clasp.api.SignalType;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.ParamState;
import clasp.api.router.RouterStats;
import clasp.protocol.ClaspCodec;
import clasp.protocol.EncodeException;
import clasp.protocol.WireSizes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing logic shared by every session, network or local. Every request enters through one of the
 * public-to-the-package methods below, each of which passes the {@link Authorizer} first.
 * Writes to one address are serialised by a lock stripe, so each subscriber sees one address's SETs in
 * revision order (D3); delivery itself takes no lock.
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
    private final ParamStore store;
    private final Authorizer auth;
    private final ClaspCodec codec = ClaspCodec.defaults();
    private final SignalRegistry signals;
    private final GestureCoalescer gestures;   // used while settings.gestureCoalescing()
    private final Object[] stripes = new Object[1024];
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<Session> subscribed = ConcurrentHashMap.newKeySet();
    private final Set<String> p2pCapable = ConcurrentHashMap.newKeySet();
    private final long startedAt = Micros.now();
    final LongAdder framesIn = new LongAdder();
    final LongAdder framesOut = new LongAdder();
    final LongAdder dropped = new LongAdder();

    RouterCore(RouterSettings settings, ParamStore store, Authorizer auth) {
        this.settings = settings;
        this.store = store;
        this.auth = auth;
        this.signals = new SignalRegistry(settings.maxSignals());
        for (int i = 0; i < stripes.length; i++) stripes[i] = new Object();
        this.gestures = new GestureCoalescer(settings.gestureCoalesceIntervalMs() * 1_000_000L,
                (sender, m) -> fanout(sender, m, m.address(), SignalType.GESTURE, false));
    }

    private Object stripe(String address) { return stripes[(address.hashCode() & 0x7fffffff) % stripes.length]; }

    /** Applies new settings to everything from now on; open sessions, params and locks stay (a config edit). */
    void reconfigure(RouterSettings next) {
        settings = next;
        signals.limit(next.maxSignals());
        gestures.interval(next.gestureCoalesceIntervalMs() * 1_000_000L);
    }

    static String newSessionId() { return UUID.randomUUID().toString(); }

    // ---- sessions

    void register(Session s) { sessions.put(s.id(), s); }

    /** Removes a session: its subscriptions, its locks (D7) and its P2P mark. */
    void remove(Session s) {
        sessions.remove(s.id(), s);
        subscribed.remove(s);
        s.clearSubscriptions();
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
        return new WelcomeMessage(1, FEATURES, Micros.now(), sessionId, settings.name(), null);
    }

    /** Every param, in frames that fit (sent after WELCOME even when empty). */
    List<SnapshotMessage> fullSnapshot() {
        List<ParamEntry> all = new ArrayList<>();
        for (StoredParam p : store.all()) all.add(p.entry());
        return Chunks.snapshots(all);
    }

    // ---- SET

    long set(Session s, SetMessage m) throws ClaspException {
        String address = m.address();
        if (!auth.mayWrite(s, address)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for write operation", address);
        checkDeliverable(m);
        synchronized (stripe(address)) {
            StoredParam next = apply(s.id(), m, store.get(address));
            store(next);
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
    private StoredParam apply(String writer, SetMessage m, StoredParam cur) throws ClaspException {
        long now = Micros.now();
        if (cur == null) {
            if (store.size() >= settings.maxParams()) throw new ClaspException(ErrorCodes.STATE_ERROR, "AtCapacity", m.address());
            return new StoredParam(m.address(), m.value(), 1, writer, now, m.lock() ? writer : null, m.ttl());
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
        return new StoredParam(m.address(), m.value(), cur.revision() + 1, writer, now, holder,
                m.ttl() != null ? m.ttl() : cur.ttl());
    }

    private void store(StoredParam next) {
        StoredParam cur = store.get(next.address());
        boolean ok = cur == null ? store.create(next) : store.compareAndSet(cur, next);
        if (!ok) throw new IllegalStateException("param store changed under its stripe lock: " + next.address());
        String before = cur == null ? null : cur.lockHolder();
        String after = next.lockHolder();
        if (before != null && !before.equals(after)) trackLock(before, next.address(), false);
        if (after != null && !after.equals(before)) trackLock(after, next.address(), true);
    }

    /** Each session knows the addresses it holds locked, so that they are released when it goes (D7). */
    private void trackLock(String sessionId, String address, boolean held) {
        Session s = sessions.get(sessionId);
        if (s == null) return;
        if (held) s.locks.add(address);
        else s.locks.remove(address);
    }

    private void broadcastSet(Session sender, SetMessage m, StoredParam p) {
        // The TTL is not forwarded: JS 3.3.2 clients cannot read it.
        SetMessage out = new SetMessage(p.address(), p.value(), p.revision(), m.lock(), m.unlock(), null);
        fanout(sender, out, p.address(), SignalType.PARAM, true);
    }

    private void releaseLocks(Session s) {
        for (String address : s.locks) {
            synchronized (stripe(address)) {
                StoredParam cur = store.get(address);
                if (cur != null && s.id().equals(cur.lockHolder())) {
                    store.compareAndSet(cur, new StoredParam(cur.address(), cur.value(), cur.revision(), cur.writer(),
                            cur.timestamp(), null, cur.ttl()));
                }
            }
        }
        s.locks.clear();
    }

    // ---- GET, SUBSCRIBE

    StoredParam get(Session s, String address) throws ClaspException {
        if (!auth.mayRead(s, address)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for read operation", address);
        return store.get(address);
    }

    /** Registers the subscription and returns the params it snapshots (glob match), possibly none. */
    List<ParamEntry> subscribe(Session s, long id, String pattern, Set<SignalType> types) throws ClaspException {
        int max = settings.maxSubscriptionsPerSession();
        if (s.subscriptionCount() >= max) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Subscription limit reached (max " + max + ")", pattern);
        }
        if (!auth.maySubscribe(s, pattern)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for subscription", pattern);
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        s.subscribe(id, pattern, types);
        subscribed.add(s);
        List<ParamEntry> matching = new ArrayList<>();
        for (StoredParam p : store.all()) if (Glob.matches(pattern, p.address())) matching.add(p.entry());
        return matching;
    }

    void unsubscribe(Session s, long id) {
        s.unsubscribe(id);
        if (s.subscriptionCount() == 0) subscribed.remove(s);
    }

    // ---- PUBLISH

    void publish(Session s, PublishMessage m) throws ClaspException {
        String address = m.address();
        if (!auth.mayWrite(s, address)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for publish operation", address);
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
                gestures.publish(s, m, System.nanoTime());
            }
            return;
        }
        fanout(s, m, address, m.signal(), false);
    }

    /** Sends held gesture moves whose interval has passed (§7.3); run by the router's timer. */
    void flushGestures() {
        if (gestures.openCount() > 0) gestures.flush(System.nanoTime(), this::stripe);
    }

    private void deliverOne(Session to, Message m) {
        ByteBuf frame = encode(m);
        if (frame == null) return;
        try {
            to.deliver(m, frame);
        } finally {
            frame.release();
        }
    }

    // ---- BUNDLE

    /** Applies the SETs then the PUBLISHes of a bundle, all or nothing; returns the last SET's revision or null. */
    Long bundle(Session s, BundleMessage b) throws ClaspException {
        List<SetMessage> sets = new ArrayList<>();
        List<PublishMessage> publishes = new ArrayList<>();
        for (Message m : b.messages()) {
            if (m instanceof SetMessage set) {
                if (!auth.mayWrite(s, set.address())) {
                    throw new ClaspException(ErrorCodes.REJECTED, "Bundle rejected: insufficient scope for SET to " + set.address(), set.address());
                }
                sets.add(set);
            } else if (m instanceof PublishMessage p) {
                if (!auth.mayWrite(s, p.address())) {
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
            int i = (m.address().hashCode() & 0x7fffffff) % stripes.length;
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
        java.util.Map<String, StoredParam> staged = new java.util.LinkedHashMap<>();
        List<StoredParam> results = new ArrayList<>();
        int created = 0;
        for (SetMessage m : sets) {
            checkDeliverable(m);
            StoredParam cur = staged.containsKey(m.address()) ? staged.get(m.address()) : store.get(m.address());
            if (cur == null && store.size() + created >= settings.maxParams()) {
                throw new ClaspException(ErrorCodes.STATE_ERROR, "Bundle rejected: AtCapacity", m.address());
            }
            StoredParam next;
            try {
                next = apply(s.id(), m, cur);
            } catch (ClaspException e) {
                throw new ClaspException(e.code(), "Bundle rejected: " + e.getMessage(), m.address());
            }
            if (cur == null) created++;
            staged.put(m.address(), next);
            results.add(next);
        }
        for (int k = 0; k < sets.size(); k++) {
            store(results.get(k));
            broadcastSet(s, sets.get(k), results.get(k));
        }
        return results.get(results.size() - 1).revision();
    }

    // ---- ANNOUNCE, QUERY

    void announce(AnnounceMessage a) throws ClaspException {
        if (!signals.register(a.signals(), Micros.now())) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Signal limit reached (max " + settings.maxSignals() + ")", a.namespace());
        }
    }

    List<ResultMessage> query(String pattern) { return Chunks.results(signals.query(pattern)); }

    // ---- fan-out

    /**
     * Delivers {@code m} once to every session with a matching subscription (type null: any filter). The frame is
     * encoded once, lazily, and shared by all network recipients.
     */
    void fanout(Session sender, Message m, String address, SignalType type, boolean includeSender) {
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

    // ---- maintenance, state

    /** Drops params whose own TTL ran out and expired signal definitions; silent, as in the reference. */
    void expire() {
        long now = Micros.now();
        for (StoredParam p : store.all()) {
            if (!p.expired(now)) continue;
            synchronized (stripe(p.address())) {
                StoredParam cur = store.get(p.address());
                if (cur != null && cur.expired(now)) store.remove(cur);
            }
        }
        signals.expire(now);
    }

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    int removeParams(String pattern) {
        int removed = 0;
        for (StoredParam p : store.all()) {
            if (!Glob.matches(pattern, p.address())) continue;
            synchronized (stripe(p.address())) {
                StoredParam cur = store.get(p.address());
                if (cur == null || !store.remove(cur)) continue;
                if (cur.lockHolder() != null) trackLock(cur.lockHolder(), cur.address(), false);
                removed++;
            }
        }
        return removed;
    }

    ParamState param(String address) {
        StoredParam p = store.get(address);
        return p == null ? null : p.state();
    }

    List<ParamState> params(String pattern) {
        List<ParamState> out = new ArrayList<>();
        for (StoredParam p : store.all()) if (Glob.matches(pattern, p.address())) out.add(p.state());
        return out;
    }

    RouterStats stats(long inPerSecond, long outPerSecond) {
        return new RouterStats(startedAt, sessions.size(), store.size(), framesIn.sum(), framesOut.sum(), dropped.sum(),
                inPerSecond, outPerSecond);
    }
}
