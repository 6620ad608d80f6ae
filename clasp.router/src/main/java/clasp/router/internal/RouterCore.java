package clasp.router.internal;

import clasp.api.Address;
import clasp.api.SignalType;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PublishMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.ParamState;
import clasp.api.router.RouterStats;
import clasp.protocol.ClaspCodec;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.delivery.Fanout;
import clasp.router.internal.delivery.GestureCoalescer;
import clasp.router.internal.match.Glob;
import clasp.router.internal.param.LockBook;
import clasp.router.internal.param.ParamStore;
import clasp.router.internal.param.ParamWriter;
import clasp.router.internal.param.StoredParam;
import clasp.router.internal.param.Stripes;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.Refusals;
import clasp.router.internal.session.Session;
import clasp.router.internal.signal.SignalRegistry;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The façade every session calls: it checks each request with the {@link Authorizer}, then hands it to the room that
 * does the work — params and locks ({@link ParamWriter}), delivery ({@link Fanout}, {@link GestureCoalescer}),
 * signals ({@link SignalRegistry}) — and keeps the table of open sessions.
 */
public final class RouterCore {
    private static final String P2P_SIGNAL = "/clasp/p2p/signal/";
    private static final String P2P_ANNOUNCE = "/clasp/p2p/announce";

    private volatile RouterSettings settings;
    private final ParamStore store;
    private final Authorizer auth;
    private final ClaspCodec codec = ClaspCodec.defaults();
    private final Stripes stripes = new Stripes();
    private final LockBook locks = new LockBook();
    private final Fanout fanout = new Fanout(codec);
    private final ParamWriter params;
    private final SignalRegistry signals;
    private final GestureCoalescer gestures;   // used while settings.gestureCoalescing()
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> p2pCapable = ConcurrentHashMap.newKeySet();
    private final Refusals refusals = new Refusals();
    private final Executor housekeeping;
    private final long startedAt = Micros.now();
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder framesOut = new LongAdder();
    public final LongAdder dropped = new LongAdder();

    /** A core whose housekeeping runs on the calling thread: for single-threaded tests. */
    RouterCore(RouterSettings settings, ParamStore store, Authorizer auth) { this(settings, store, auth, Runnable::run); }

    /** {@code housekeeping} runs session cleanups that a delivery path decided, on a thread that holds no lock. */
    RouterCore(RouterSettings settings, ParamStore store, Authorizer auth, Executor housekeeping) {
        this.settings = settings;
        this.housekeeping = housekeeping;
        this.store = store;
        this.auth = auth;
        this.signals = new SignalRegistry(settings.maxSignals());
        this.params = new ParamWriter(store, stripes, locks, () -> this.settings.maxParams(),
                // The TTL is not forwarded: JS 3.3.2 clients cannot read it.
                (sender, m, p) -> fanout.send(sender, new SetMessage(p.address(), p.value(), p.revision(), m.lock(),
                        m.unlock(), null), p.address(), SignalType.PARAM, true));
        this.gestures = new GestureCoalescer(settings.gestureCoalesceIntervalMs() * 1_000_000L,
                (sender, m) -> fanout.send(sender, m, m.address(), SignalType.GESTURE, false));
    }

    public RouterSettings settings() { return settings; }

    public Refusals refusals() { return refusals; }

    /** Where cleanups decided under a lock run (never on the deciding thread). */
    public Executor housekeeping() { return housekeeping; }

    /** Applies new settings to everything from now on; open sessions, params and locks stay (a config edit). */
    void reconfigure(RouterSettings next) {
        settings = next;
        signals.limit(next.maxSignals());
        gestures.interval(next.gestureCoalesceIntervalMs() * 1_000_000L);
    }

    // ---- sessions

    public void register(Session s) {
        locks.open(s.id());
        sessions.put(s.id(), s);
    }

    /** Removes a session: its subscriptions, its locks (D7) and its P2P mark. */
    public void remove(Session s) {
        sessions.remove(s.id(), s);
        fanout.remove(s);
        s.clearSubscriptions();
        p2pCapable.remove(s.id());
        params.releaseLocks(s.id());
    }

    int networkSessionCount() {
        int n = 0;
        for (Session s : sessions.values()) if (s instanceof NetworkSession) n++;
        return n;
    }

    Iterable<Session> sessions() { return sessions.values(); }

    /** The params a pattern snapshots (glob match; null: all), read lazily and weakly consistent. */
    public Iterable<ParamEntry> matching(String pattern) {
        return () -> store.all().stream()
                .filter(p -> pattern == null || Glob.matches(pattern, p.address()))
                .map(StoredParam::entry)
                .iterator();
    }

    /** What is stored now at {@code e}'s address (null: gone), for a paced snapshot reading an entry again. */
    public ParamEntry current(ParamEntry e) {
        StoredParam p = store.get(e.address());
        return p == null ? null : p.entry();
    }

    // ---- SET, BUNDLE

    public long set(Session s, SetMessage m) throws ClaspException {
        if (!auth.mayWrite(s, m.address())) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for write operation", m.address());
        return params.set(s, m);
    }

    /** Applies the SETs then the PUBLISHes of a bundle, all or nothing; returns the last SET's revision or null. */
    public Long bundle(Session s, BundleMessage b) throws ClaspException {
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
        Long last = params.bundle(s, sets);
        for (PublishMessage p : publishes) fanout.send(s, p, p.address(), p.signal(), false);
        return last;
    }

    // ---- GET, SUBSCRIBE

    public StoredParam get(Session s, String address) throws ClaspException {
        if (!auth.mayRead(s, address)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for read operation", address);
        return store.get(address);
    }

    /** Registers the subscription; its snapshot is {@link #matching} its pattern. */
    public void subscribe(Session s, long id, String pattern, Set<SignalType> types) throws ClaspException {
        int max = settings.maxSubscriptionsPerSession();
        if (s.subscriptionCount() >= max) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Subscription limit reached (max " + max + ")", pattern);
        }
        if (!auth.maySubscribe(s, pattern)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for subscription", pattern);
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        s.subscribe(id, pattern, types);
        fanout.add(s);
    }

    public void unsubscribe(Session s, long id) {
        s.unsubscribe(id);
        if (s.subscriptionCount() == 0) fanout.remove(s);
    }

    // ---- PUBLISH

    public void publish(Session s, PublishMessage m) throws ClaspException {
        String address = m.address();
        if (!auth.mayWrite(s, address)) throw new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for publish operation", address);
        if (address.startsWith(P2P_SIGNAL)) {
            String target = address.substring(P2P_SIGNAL.length());
            if (!target.isEmpty() && target.indexOf('/') < 0) {
                Session to = sessions.get(target);
                if (to == null) throw new ClaspException(ErrorCodes.NOT_FOUND, "Target session not found: " + target, address);
                fanout.sendTo(to, m);
                return;
            }
        }
        if (address.equals(P2P_ANNOUNCE)) {
            p2pCapable.add(s.id());
            fanout.send(s, m, address, null, false);
            return;
        }
        if (m.signal() == SignalType.GESTURE && settings.gestureCoalescing()) {
            synchronized (stripes.of(address)) {
                gestures.publish(s, m, System.nanoTime());
            }
            return;
        }
        fanout.send(s, m, address, m.signal(), false);
    }

    /** Sends held gesture moves whose interval has passed (§7.3); run by the router's timer. */
    void flushGestures() {
        if (gestures.openCount() > 0) gestures.flush(System.nanoTime(), stripes::of);
    }

    // ---- ANNOUNCE, QUERY

    public void announce(AnnounceMessage a) throws ClaspException {
        if (!signals.register(a.signals(), Micros.now())) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Signal limit reached (max " + settings.maxSignals() + ")", a.namespace());
        }
    }

    public List<SignalDefinition> query(String pattern) { return signals.query(pattern); }

    // ---- encoding

    /** The message framed as the router sends it, or null (logged) if it cannot be encoded. */
    public ByteBuf encode(Message m) { return fanout.encode(m); }

    public ClaspCodec codec() { return codec; }

    // ---- maintenance, state

    /** Drops params whose own TTL ran out and expired signal definitions; silent, as in the reference. */
    void expire() {
        long now = Micros.now();
        params.expire(now);
        signals.expire(now);
    }

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    int removeParams(String pattern) { return params.remove(pattern); }

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
                inPerSecond, outPerSecond, refusals.totals());
    }
}
