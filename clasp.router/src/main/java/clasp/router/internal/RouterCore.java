package clasp.router.internal;

import clasp.api.Address;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authenticator;
import clasp.api.auth.Authoriser;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.ParamEntry;
import clasp.api.message.PublishMessage;
import clasp.api.message.ReplayMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeOptions;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.router.ParamState;
import clasp.api.router.RouterMetrics;
import clasp.api.router.RouterStats;
import clasp.api.store.AnnouncedSignal;
import clasp.api.store.Journal;
import clasp.api.store.JournalEntry;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import clasp.protocol.ClaspCodec;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.delivery.Fanout;
import clasp.router.internal.delivery.GestureCoalescer;
import clasp.router.internal.metrics.RouterCounters;
import clasp.router.internal.stream.StreamHistory;
import clasp.router.internal.stream.StreamPolicy;
import clasp.router.internal.hook.HookCalls;
import clasp.router.internal.hook.HookRegistry;
import clasp.protocol.match.Glob;
import clasp.protocol.match.SegmentMatcher;
import clasp.router.internal.param.LockBook;
import clasp.router.internal.param.LockLeases;
import clasp.router.internal.param.Strategies;
import clasp.router.internal.param.ParamWriter;
import clasp.router.internal.param.Params;
import clasp.router.internal.param.Stripes;
import clasp.router.internal.schedule.BundleScheduler;
import clasp.router.internal.session.Audit;
import clasp.router.internal.session.NetworkSession;
import clasp.router.internal.session.Refusals;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import clasp.router.internal.signal.SignalRegistry;
import clasp.router.internal.timeline.TimelinePlayer;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The façade every session calls: it asks the {@link Authoriser} about each request, with the session's principal,
 * then hands it to the room that does the work — params and locks ({@link ParamWriter}, over the
 * {@link ParamStore}), delivery ({@link Fanout}, {@link GestureCoalescer}), signals ({@link SignalRegistry}) — and
 * keeps the table of open sessions. Every deadline waits on the one {@link RouterClock}. Writes and snapshots also
 * pass the registered write hooks ({@link HookCalls}): validators after the authoriser, then transforms, and snapshot
 * filters on every SNAPSHOT entry and GET reply a session is given.
 *
 * <p>Lock order: address stripes (several in index order), then a session's monitor, then the subscription
 * index's monitor. The authoriser reference is volatile; the store is swapped by the writer with every stripe held.
 */
public final class RouterCore {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);
    private static final String P2P_SIGNAL = "/clasp/p2p/signal/";
    private static final String P2P_ANNOUNCE = "/clasp/p2p/announce";

    private volatile RouterSettings settings;
    private volatile Authoriser auth;
    private volatile Authenticator authenticator;   // null: open mode
    private final AtomicLong revalidations = new AtomicLong();   // raised by each revalidate()
    private final Audit audit = new Audit();
    private volatile Journal journal;   // null: none (REPLAY gets 501)
    private final RouterClock clock;
    private final ClaspCodec codec = ClaspCodec.defaults();
    private volatile ClaspCodec decoder;   // the configured decode limits
    private final Stripes stripes = new Stripes();
    private final LockBook locks = new LockBook();
    private final Fanout fanout;
    private final ParamWriter params;
    private final SignalRegistry signals;
    private final GestureCoalescer gestures;   // used while settings.gestureCoalescing()
    private final BundleScheduler scheduled;
    private final LockLeases leases;
    private final TimelinePlayer timelines;
    private final StreamPolicy.Factory streams;
    private final StreamHistory history;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> p2pCapable = ConcurrentHashMap.newKeySet();
    private final Refusals refusals = new Refusals();
    private final Executor housekeeping;
    private final HookCalls hooks;
    private final long startedAt;
    public final LongAdder framesIn = new LongAdder();
    public final LongAdder framesOut = new LongAdder();
    public final LongAdder dropped = new LongAdder();
    /** Frames and bytes by type, deliveries, drops, coalescing and ERROR codes, for {@link #metrics}. */
    public final RouterCounters counters = new RouterCounters();

    /** A core whose housekeeping runs on the calling thread: for single-threaded tests and benchmarks. */
    public RouterCore(RouterSettings settings, ParamStore store, Authoriser auth, RouterClock clock) {
        this(settings, store, auth, clock, Runnable::run);
    }

    /** {@code housekeeping} runs session cleanups that a delivery path decided, on a thread that holds no lock. */
    public RouterCore(RouterSettings settings, ParamStore store, Authoriser auth, RouterClock clock, Executor housekeeping) {
        this(settings, store, auth, clock, housekeeping, new HookRegistry());
    }

    /** A core that calls the write hooks registered in {@code hooks}. */
    public RouterCore(RouterSettings settings, ParamStore store, Authoriser auth, RouterClock clock, Executor housekeeping,
                      HookRegistry hooks) {
        this.settings = settings;
        this.decoder = decoder(settings.input());
        this.hooks = new HookCalls(hooks, clock, refusals, () -> this.settings.hookBudgetMillis() * 1_000L);
        this.housekeeping = housekeeping;
        this.auth = auth;
        this.clock = clock;
        this.startedAt = clock.nowMicros();
        this.fanout = new Fanout(codec, clock, counters);
        this.signals = new SignalRegistry(settings.maxSignals(), clock, new SignalRegistry.Keeper() {
            @Override public void announced(AnnouncedSignal signal) { params.store().announced(signal); }

            @Override public void forgotten(String address) { params.store().forgotten(address); }
        });
        this.params = new ParamWriter(store, stripes, locks, () -> this.settings.maxParams(),
                // The TTL is not forwarded: JS 3.3.2 clients cannot read it.
                (sender, m, p) -> {
                    SetMessage applied = new SetMessage(p.address(), p.value(), p.revision(), m.lock(), m.unlock(), null);
                    journal(p.writer(), p.timestamp(), applied);
                    fanout.send(sender, applied, p.address(), SignalType.PARAM, true);
                }, clock);
        this.gestures = new GestureCoalescer(clock, settings.gestureCoalesceIntervalMs() * 1_000L, stripes::of,
                (sender, m) -> {
                    journal(sender, m);
                    fanout.send(sender, m, m.address(), SignalType.GESTURE, false);
                }, () -> counters.coalesced(RouterCounters.Coalesce.GESTURE));
        this.scheduled = new BundleScheduler(clock);
        this.leases = new LockLeases(clock, this::heardMicros, () -> this.settings.lockLeaseSeconds() * 1_000_000L, locks,
                params::leaseRanOut);
        params.leases(leases);
        store.scanSignals(signals::restore);
        params.strategies(Strategies.parse(settings.conflictStrategies()));
        params.globalTtl(settings.paramTtlSeconds());
        gestures.idle(settings.gestureIdleSeconds() * 1_000_000L);
        this.timelines = new TimelinePlayer(clock, stripes::of, this::playedSet,
                (s, address) -> require(s, Action.SET, address, "write operation"), () -> this.settings.maxParams());
        this.streams = new StreamPolicy.Factory(clock, fanout::sendTo, counters);
        this.history = new StreamHistory(settings.streamHistoryDepth(), settings.streamHistoryAddresses());
    }

    /** When the session last sent something (router clock); Long.MIN_VALUE once it is gone. */
    private long heardMicros(String sessionId) {
        Session s = sessions.get(sessionId);
        return s == null ? Long.MIN_VALUE : s.heardMicros();
    }

    public RouterSettings settings() { return settings; }

    public RouterClock clock() { return clock; }

    public Refusals refusals() { return refusals; }

    /** Where cleanups decided under a lock run (never on the deciding thread). */
    public Executor housekeeping() { return housekeeping; }

    /** Applies new settings to everything from now on; open sessions, params and locks stay (a config edit). */
    void reconfigure(RouterSettings next) {
        RouterSettings before = settings;
        settings = next;
        if (!next.input().equals(before.input())) decoder = decoder(next.input());
        signals.limit(next.maxSignals());
        gestures.interval(next.gestureCoalesceIntervalMs() * 1_000L);
        gestures.idle(next.gestureIdleSeconds() * 1_000_000L);
        if (!next.conflictStrategies().equals(before.conflictStrategies())) params.strategies(Strategies.parse(next.conflictStrategies()));
        params.globalTtl(next.paramTtlSeconds());
        if (next.lockLeaseSeconds() != before.lockLeaseSeconds()) leases.changed();
        history.limits(next.streamHistoryDepth(), next.streamHistoryAddresses());
    }

    /** Stops every deadline and detaches the store; the component closes the sessions. */
    void stop() {
        timelines.clear();
        params.stop();
        scheduled.clear();
        signals.clear();
        gestures.clear();
        history.clear();
    }

    // ---- the SPIs behind the core

    /** Later requests are asked of {@code next}. */
    void useAuthoriser(Authoriser next) { this.auth = next; }

    /** Authenticated mode with {@code next} (null: open mode). Sessions are checked again by {@link #revalidate}. */
    public void useAuthenticator(Authenticator next) { this.authenticator = next; }

    /** The authenticator HELLOs must satisfy, or null in open mode. */
    public Authenticator authenticator() { return authenticator; }

    /** The audit log's router half. */
    public Audit audit() { return audit; }

    /**
     * Closes every network session whose principal the authenticator no longer holds (a token revoked or expired,
     * trust anchors changed, open mode left). Local sessions keep the principal their configuration gave them.
     */
    int revalidate() {
        Authenticator a = authenticator;
        if (a == null) return 0;
        revalidations.incrementAndGet();   // what sessions left to run later is checked again too (stillHolds)
        int closed = 0;
        for (Session s : sessions.values()) {
            if (!(s instanceof NetworkSession n)) continue;
            boolean holds;
            try {
                holds = a.holds(s.principal());
            } catch (RuntimeException e) {
                LOG.warn("clasp.router: the authenticator failed on {}; closing it", s.principal().name(), e);
                holds = false;
            }
            if (holds) continue;
            audit.credentialsWithdrawn(s.principal().name(), n.peer());
            n.withdrawn();
            closed++;
        }
        return closed;
    }

    /**
     * Params live in {@code next} from now on (see {@link ParamWriter#useStore}); the announced signals it keeps join
     * the registry, and it is given those registered here.
     */
    void useStore(ParamStore next) {
        params.useStore(next);
        next.scanSignals(signals::restore);
        signals.forEach(next::announced);
    }

    /** Accepted writes are journalled in {@code next} from now on (null: none, REPLAY is refused). */
    void useJournal(Journal next) { this.journal = next; }

    /** The journal in use, or null. */
    Journal journal() { return journal; }

    /** Records an applied SET in the journal, if there is one; a failing journal never fails the write. */
    private void journal(String writer, long timestamp, SetMessage applied) {
        Journal j = journal;
        if (j == null) return;
        try {
            j.append(new JournalEntry(timestamp, writer, applied));
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the journal failed to record a SET to {}", applied.address(), e);
        }
    }

    /** Records a routed PUBLISH in the journal, if there is one. */
    private void journal(Session sender, PublishMessage m) {
        Journal j = journal;
        if (j == null) return;
        try {
            j.append(new JournalEntry(clock.nowMicros(), sender == null ? "router" : sender.id(), m));
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the journal failed to record a PUBLISH to {}", m.address(), e);
        }
    }

    /** The store params live in now. */
    public ParamStore store() { return params.store(); }

    /** The writer, for what the store SPI needs of it (its change feed, its TTL deadlines). */
    ParamWriter params() { return params; }

    private boolean allows(Session s, Action action, String address) {
        try {
            return auth.allows(s.principal(), action, address);
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the authoriser failed on {} {}; refused", action, address, e);
            return false;
        }
    }

    private void require(Session s, Action action, String address, String what) throws ClaspException {
        if (!allows(s, action, address)) throw denied(s, action, new ClaspException(ErrorCodes.FORBIDDEN, "Insufficient scope for " + what, address));
    }

    /** Writes the refusal to the audit log and returns it. */
    private ClaspException denied(Session s, Action action, ClaspException e) {
        audit.denied(s.principal().name(), s.peer(), action.name(), e.address(), e.code(), e.getMessage());
        return e;
    }

    /** A constraint of the principal's scopes that {@code value} breaks, as ERROR 403 ({@code prefix} inside a bundle). */
    private void constrain(Session s, Action action, String address, Value value, String prefix) throws ClaspException {
        String broken;
        try {
            broken = auth.constraintBroken(s.principal(), action, address, value == null ? Value.ofNull() : value);
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the authoriser failed on the constraints of {} {}; refused", action, address, e);
            broken = "Constraint check failed";
        }
        if (broken != null) throw denied(s, action, new ClaspException(ErrorCodes.REJECTED, prefix + broken, address));
    }

    /** The write hooks this core calls. */
    public HookCalls hooks() { return hooks; }

    /** A validator's veto as ERROR 403 ({@code prefix} before its reason inside a bundle). */
    private void validate(Session s, Action action, String address, Value value, String prefix) throws ClaspException {
        String reason = hooks.veto(s.principal(), action, address, value == null ? Value.ofNull() : value);
        if (reason != null) throw new ClaspException(ErrorCodes.REJECTED, prefix + reason, address);
    }

    /** {@code m} with the value the transforms leave (itself when they leave it as it is). */
    private SetMessage transformed(Session s, SetMessage m) {
        Value v = hooks.transform(s.principal(), m.address(), m.value());
        return v == m.value() ? m : new SetMessage(m.address(), v, m.revision(), m.lock(), m.unlock(), m.ttl());
    }

    // ---- sessions

    public void register(Session s) {
        locks.open(s.id());
        sessions.put(s.id(), s);
    }

    /** Removes a session: its subscriptions, its locks (D7) and its P2P mark. */
    public void remove(Session s) {
        sessions.remove(s.id(), s);
        s.clearSubscriptions(fanout.index());
        p2pCapable.remove(s.id());
        params.releaseLocks(s.id());
    }

    int networkSessionCount() {
        int n = 0;
        for (Session s : sessions.values()) if (s instanceof NetworkSession) n++;
        return n;
    }

    Iterable<Session> sessions() { return sessions.values(); }

    /** What is stored now at {@code e}'s address (null: gone), for a paced snapshot reading an entry again. */
    public ParamEntry current(ParamEntry e) {
        ParamRecord p = params.store().get(e.address());
        return p == null ? null : Params.entry(p);
    }

    /** {@link #current(ParamEntry)} as the snapshot filters let {@code s} see it (null: gone or hidden). */
    public ParamEntry current(Session s, ParamEntry e) {
        ParamEntry c = current(e);
        if (c == null) return null;
        if (authenticator != null && !allows(s, Action.GET, c.address())) return null;   // §14.6: only what it may read
        Value shown = hooks.filter(s.principal(), c.address(), c.value());
        if (shown == c.value()) return c;
        return shown == null ? null : new ParamEntry(c.address(), shown, c.revision(), c.writer(), c.timestamp());
    }

    // ---- SET, BUNDLE

    public long set(Session s, SetMessage m) throws ClaspException {
        require(s, Action.SET, m.address(), "write operation");
        validate(s, Action.SET, m.address(), m.value(), "");
        SetMessage stored = transformed(s, m);
        constrain(s, Action.SET, stored.address(), stored.value(), "");   // the value as it lands: transforms included
        return params.set(s, stored);
    }

    /** Applies the SETs then the PUBLISHes of a bundle, all or nothing; returns the last SET's revision or null. */
    public Long bundle(Session s, BundleMessage b) throws ClaspException {
        List<SetMessage> sets = new ArrayList<>();
        List<PublishMessage> publishes = new ArrayList<>();
        authorise(s, b, sets, publishes);
        return runBundle(s, sets, publishes);
    }

    /**
     * A bundle whose timestamp is ahead of the router clock: authorised now, then held until its time, when its SETs
     * and PUBLISHes are applied like a bundle received then (a failure then goes to the sender as an ERROR, if it
     * is still connected). Returns false, doing nothing, for a bundle without a timestamp or one that is due.
     */
    public boolean scheduleBundle(Session s, BundleMessage b) throws ClaspException {
        Long at = b.timestamp();
        long now = clock.nowMicros();
        if (at == null || at <= now) return false;
        long horizon = settings.bundleHorizonSeconds() * 1_000_000L;
        if (at - now > horizon) {
            throw new ClaspException(ErrorCodes.STATE_ERROR, "Bundle rejected: timestamp beyond the scheduling horizon of "
                    + settings.bundleHorizonSeconds() + " s", null);
        }
        List<SetMessage> sets = new ArrayList<>();
        List<PublishMessage> publishes = new ArrayList<>();
        authorise(s, b, sets, publishes);
        int cap = settings.maxScheduledBundlesPerSession();
        int routerCap = settings.maxScheduledBundles();
        switch (scheduled.schedule(s, at, cap, routerCap, () -> runScheduled(s, sets, publishes))) {
            case SESSION_FULL -> throw refused(Refusals.Kind.SCHEDULED_BUNDLE_LIMIT,
                    new ClaspException(ErrorCodes.RATE_LIMITED, "Scheduled bundle limit reached (max " + cap + ")", null));
            case ROUTER_FULL -> throw refused(Refusals.Kind.SCHEDULED_BUNDLE_LIMIT, new ClaspException(ErrorCodes.RATE_LIMITED,
                    "Scheduled bundle limit of the router reached (max " + routerCap + ")", null));
            case SCHEDULED -> { }
        }
        return true;
    }

    /** {@code e}, counted as a refusal of {@code kind}. */
    private ClaspException refused(Refusals.Kind kind, ClaspException e) {
        refusals.count(kind);
        return e;
    }

    private void runScheduled(Session s, List<SetMessage> sets, List<PublishMessage> publishes) {
        if (!stillHolds(s)) {
            LOG.info("clasp.router: a scheduled bundle of {} was dropped: its credentials no longer hold", s.principal().name());
            return;
        }
        try {
            runBundle(s, sets, publishes);
        } catch (ClaspException e) {
            if (s.isOpen()) s.reply(new ErrorMessage(e.code(), e.getMessage(), e.address(), null));
        }
    }

    /** A timeline's SET: refused once the credentials of the session that started it no longer hold. */
    private long playedSet(Session player, SetMessage m) throws ClaspException {
        if (!stillHolds(player)) {
            throw new ClaspException(ErrorCodes.UNAUTHORIZED, "Invalid token: credentials no longer valid", m.address());
        }
        return set(player, m);
    }

    /**
     * Whether writes left to run later for {@code s} (a scheduled bundle, a timeline's frames) may still be made:
     * always in open mode and for local sessions, else while the authenticator holds its principal. Asked again only
     * after a revalidation, so a frame costs two field reads.
     */
    boolean stillHolds(Session s) {
        Authenticator a = authenticator;
        if (a == null || !s.credentialed()) return true;
        long revalidation = revalidations.get();
        if (s.credentialsChecked() == revalidation) return true;
        boolean holds;
        try {
            holds = a.holds(s.principal());
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the authenticator failed on {}; its later writes are dropped", s.principal().name(), e);
            holds = false;
        }
        if (holds) s.credentialsChecked(revalidation);
        return holds;
    }

    /** Bundles waiting for their time. */
    public BundleScheduler scheduled() { return scheduled; }

    private Long runBundle(Session s, List<SetMessage> sets, List<PublishMessage> publishes) throws ClaspException {
        List<SetMessage> stored = new ArrayList<>(sets.size());
        for (SetMessage set : sets) stored.add(transformed(s, set));   // every item passed the validators first
        for (SetMessage set : stored) constrain(s, Action.SET, set.address(), set.value(), "Bundle rejected: ");
        for (PublishMessage p : publishes) constrain(s, Action.PUBLISH, p.address(), p.value(), "Bundle rejected: ");
        Long last = params.bundle(s, stored);
        for (PublishMessage p : publishes) {
            history.record(p);
            journal(s, p);
            fanout.send(s, p, p.address(), p.signal(), false);
        }
        return last;
    }

    /** Asks the authoriser about the bundle and each SET and PUBLISH in it, which it sorts into the two lists. */
    private void authorise(Session s, BundleMessage b, List<SetMessage> sets, List<PublishMessage> publishes) throws ClaspException {
        if (!allows(s, Action.BUNDLE, null)) {
            throw denied(s, Action.BUNDLE, new ClaspException(ErrorCodes.REJECTED, "Bundle rejected: insufficient scope", null));
        }
        for (Message m : b.messages()) {
            if (m instanceof SetMessage set) {
                if (!allows(s, Action.SET, set.address())) {
                    throw denied(s, Action.SET, new ClaspException(ErrorCodes.REJECTED,
                            "Bundle rejected: insufficient scope for SET to " + set.address(), set.address()));
                }
                validate(s, Action.SET, set.address(), set.value(), "Bundle rejected: ");
                sets.add(set);
            } else if (m instanceof PublishMessage p) {
                if (!allows(s, Action.PUBLISH, p.address())) {
                    throw denied(s, Action.PUBLISH, new ClaspException(ErrorCodes.REJECTED,
                            "Bundle rejected: insufficient scope for PUBLISH to " + p.address(), p.address()));
                }
                validate(s, Action.PUBLISH, p.address(), p.value(), "Bundle rejected: ");
                publishes.add(p);
            }
        }
    }

    /** QoS Commit: once a durable store is in use, every applied write is durable when this returns (ERROR 500 if not). */
    public void makeDurable() throws ClaspException {
        ParamStore st = params.store();
        if (!st.durable()) return;
        try {
            st.sync();
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the param store failed to make writes durable", e);
            throw new ClaspException(ErrorCodes.INTERNAL, "Commit failed: the param store could not make the write durable", null);
        }
    }

    // ---- GET, SUBSCRIBE

    public ParamRecord get(Session s, String address) throws ClaspException {
        require(s, Action.GET, address, "read operation");
        ParamRecord p = params.store().get(address);
        if (p == null) return null;
        Value shown = hooks.filter(s.principal(), address, p.value());
        if (shown == p.value()) return p;
        return shown == null ? null : new ParamRecord(p.address(), shown, p.revision(), p.writer(), p.timestamp(),
                p.lockHolder(), p.ttl());
    }

    /** A local session's snapshot: the params matching {@code pattern} as {@code s} may see them (subscribe's checks). */
    public List<ParamRecord> snapshot(Session s, String pattern) throws ClaspException {
        require(s, Action.SUBSCRIBE, pattern, "subscription");
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        List<ParamRecord> out = new ArrayList<>();
        params.store().scan(Glob.literalPrefix(pattern), p -> {
            if (!Glob.matches(pattern, p.address())) return;
            Value shown = hooks.filter(s.principal(), p.address(), p.value());
            if (shown == p.value()) out.add(p);
            else if (shown != null) {
                out.add(new ParamRecord(p.address(), shown, p.revision(), p.writer(), p.timestamp(), p.lockHolder(), p.ttl()));
            }
        });
        return out;
    }

    /** The params a pattern snapshots (glob match; null: all), read when iterated, weakly consistent. */
    public Iterable<ParamEntry> matching(String pattern) {
        return () -> {
            List<ParamEntry> out = new ArrayList<>();
            params.store().scan(pattern == null ? "" : Glob.literalPrefix(pattern), p -> {
                if (pattern == null || Glob.matches(pattern, p.address())) out.add(Params.entry(p));
            });
            return out.iterator();
        };
    }

    /** Registers the subscription; its snapshot is {@link #matching} its pattern. */
    public void subscribe(Session s, long id, String pattern, Set<SignalType> types, SubscribeOptions options)
            throws ClaspException {
        int max = settings.maxSubscriptionsPerSession();
        if (s.subscriptionCount() >= max) {
            refusals.count(Refusals.Kind.SUBSCRIPTION_LIMIT);
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Subscription limit reached (max " + max + ")", pattern);
        }
        require(s, Action.SUBSCRIBE, pattern, "subscription");
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        s.subscribe(id, pattern, types, options, fanout.index(), streams);
        if (!s.isOpen()) s.clearSubscriptions(fanout.index());   // it closed meanwhile: its close may have missed this one
    }

    /** What SUBSCRIBE's history option sends after the snapshot: each matching stream address's last samples, oldest first. */
    public List<PublishMessage> history(Session s, long id) {
        SessionSubscription sub = s.subscription(id);
        if (sub == null || sub.options == null || sub.options.history() == null || !sub.acceptsType(SignalType.STREAM)) {
            return List.of();
        }
        int n = (int) Math.min(Integer.MAX_VALUE, sub.options.history());
        return history.last(a -> sub.matcher.matches(a, SegmentMatcher.split(a)), n);
    }

    public void unsubscribe(Session s, long id) { s.unsubscribe(id, fanout.index()); }

    // ---- PUBLISH

    public void publish(Session s, PublishMessage m) throws ClaspException {
        String address = m.address();
        require(s, Action.PUBLISH, address, "publish operation");
        validate(s, Action.PUBLISH, address, m.value(), "");
        constrain(s, Action.PUBLISH, address, m.value(), "");
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
                gestures.publish(s, m);
            }
            return;
        }
        history.record(m);
        if (m.signal() == SignalType.TIMELINE) {
            timelines.received(s, m, () -> {
                journal(s, m);
                fanout.send(s, m, address, SignalType.TIMELINE, false);
            });
            return;
        }
        journal(s, m);
        fanout.send(s, m, address, m.signal(), false);
    }

    /** The timelines the router plays (timeline PUBLISHes with a definition). */
    TimelinePlayer timelines() { return timelines; }

    // ---- REPLAY

    /**
     * §17.3: the journalled writes matching {@code r}, oldest first, as the SET (with its recorded revision) and
     * PUBLISH frames to send, built one per call (null when done) so a long reply is paced by the connection. The
     * requester needs the read scope of a subscription to the pattern; SET values pass the snapshot filters.
     */
    public Supplier<Message> replay(Session s, ReplayMessage r) throws ClaspException {
        String pattern = r.pattern();
        require(s, Action.SUBSCRIBE, pattern, "replay");
        String problem = Address.problem(pattern);
        if (problem != null) throw new ClaspException(ErrorCodes.PATTERN_ERROR, problem, pattern);
        Journal j = journal;
        if (j == null) throw new ClaspException(ErrorCodes.UNAVAILABLE, "Journal not configured on this router", pattern);
        Iterator<JournalEntry> entries;
        try {
            entries = j.read(r.from() == null ? 0 : r.from(), r.to() == null ? Long.MAX_VALUE : r.to());
        } catch (RuntimeException e) {
            LOG.warn("clasp.router: the journal failed a REPLAY of {}", pattern, e);
            throw new ClaspException(ErrorCodes.INTERNAL, "Journal query failed: " + e.getMessage(), pattern);
        }
        long limit = r.limit() == null ? Long.MAX_VALUE : r.limit();
        Set<SignalType> types = r.types();
        return new Supplier<>() {
            private long sent;

            @Override public Message get() {
                try {
                    while (sent < limit && entries.hasNext()) {
                        Message m = replayed(s, entries.next(), pattern, types);
                        if (m == null) continue;
                        sent++;
                        return m;
                    }
                } catch (RuntimeException e) {
                    LOG.warn("clasp.router: the journal failed while replaying {}; the reply ends here", pattern, e);
                }
                return null;
            }
        };
    }

    /** The frame one journal entry replays as for {@code s}, or null when the filters leave it out. */
    private Message replayed(Session s, JournalEntry e, String pattern, Set<SignalType> types) {
        if (!types.isEmpty() && !types.contains(e.signal())) return null;
        if (!Glob.matches(pattern, e.address())) return null;
        if (!(e.message() instanceof SetMessage set)) return e.message();
        Value shown = hooks.filter(s.principal(), set.address(), set.value());
        return shown == null ? null : new SetMessage(set.address(), shown, set.revision());
    }

    // ---- ANNOUNCE, QUERY

    public void announce(Session s, AnnounceMessage a) throws ClaspException {
        require(s, Action.ANNOUNCE, a.namespace(), "announce operation");
        if (!signals.register(a.signals())) {
            throw new ClaspException(ErrorCodes.RATE_LIMITED, "Signal limit reached (max " + settings.maxSignals() + ")", a.namespace());
        }
    }

    public List<SignalDefinition> query(Session s, String pattern) throws ClaspException {
        require(s, Action.QUERY, pattern, "query operation");
        return signals.query(pattern);
    }

    /** Every announced definition matching {@code pattern}, without a session: an admin's read. */
    List<SignalDefinition> signals(String pattern) { return signals.query(pattern); }

    // ---- encoding

    /** The message framed as the router sends it, or null (logged) if it cannot be encoded. */
    public ByteBuf encode(Message m) { return fanout.encode(m); }

    /** The codec network frames are decoded with: the configured decode limits. */
    public ClaspCodec codec() { return decoder; }

    /** A codec with the decode limits of {@code input}; limits out of range are logged and the codec's defaults apply. */
    private static ClaspCodec decoder(InputLimits input) {
        try {
            return new ClaspCodec(input.decode());
        } catch (IllegalArgumentException e) {
            LOG.warn("clasp.router: decode limits ignored ({}): nesting depth 32 and the wire's sizes apply", e.getMessage());
            return ClaspCodec.defaults();
        }
    }

    // ---- admin, state

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    int removeParams(String pattern) { return params.remove(pattern); }

    ParamState param(String address) {
        ParamRecord p = params.store().get(address);
        return p == null ? null : Params.state(p);
    }

    List<ParamState> params(String pattern) {
        List<ParamState> out = new ArrayList<>();
        params.store().scan(Glob.literalPrefix(pattern), p -> { if (Glob.matches(pattern, p.address())) out.add(Params.state(p)); });
        return out;
    }

    RouterStats stats(long inPerSecond, long outPerSecond) {
        return new RouterStats(startedAt, sessions.size(), params.store().size(), framesIn.sum(), framesOut.sum(),
                dropped.sum(), inPerSecond, outPerSecond, refusals.totals());
    }

    RouterMetrics metrics() {
        return new RouterMetrics(startedAt, sessions.size(), params.store().size(), locks.count(), counters.handshakes(),
                counters.deliveries(), counters.traffic(), counters.drops(), counters.coalesced(), counters.errors(),
                refusals.all());
    }
}
