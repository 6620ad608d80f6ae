package clasp.router.internal.param;

import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import clasp.protocol.WireSizes;
import clasp.router.internal.clock.Deadlines;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.delivery.Chunks;
import clasp.protocol.match.Glob;
import clasp.router.internal.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The SET and bundle write path (§6, HARDEN §8), the lock bookkeeping (D7) and param TTLs, over the current
 * {@link ParamStore}: the router keeps params nowhere else. Each write holds its address's stripe from reading the
 * stored record, through the store's compare-and-set, until its SET has been handed to every subscriber. Each param
 * with a TTL has one deadline on the router's clock, re-armed by writes.
 *
 * <p>The store reference is volatile and replaced only with every stripe held ({@link #useStore}), so a write sees
 * one store from start to end.
 */
public final class ParamWriter {
    /** Hands an applied SET to its subscribers ({@code sender} null: decided elsewhere); called under the address's stripe. */
    public interface Broadcast { void set(Session sender, SetMessage applied, ParamRecord param); }

    /** A SNAPSHOT entry's fixed parts beyond address and value: revision, flags, writer (a UUID), timestamp. */
    private static final int ENTRY_OVERHEAD = 2 + 8 + 1 + 2 + 36 + 8;

    private final Stripes stripes;
    private final LockBook locks;
    private final IntSupplier maxParams;
    private final Broadcast broadcast;
    private final RouterClock clock;
    private final Deadlines ttls;
    private final ParamChanges feed = new ChangeFeed();
    private volatile ParamStore store;
    private volatile Strategies strategies = Strategies.NONE;
    private volatile long globalTtlSeconds;   // 0: params without their own TTL never expire (D1)
    private volatile LockLeases leases = LockLeases.NONE;

    public ParamWriter(ParamStore store, Stripes stripes, LockBook locks, IntSupplier maxParams, Broadcast broadcast,
                       RouterClock clock) {
        this.stripes = stripes;
        this.locks = locks;
        this.maxParams = maxParams;
        this.broadcast = broadcast;
        this.clock = clock;
        this.ttls = new Deadlines(clock, this::expireIfDue);
        this.store = store;
        store.attach(feed);
        armTtls(store);
    }

    public ParamStore store() { return store; }

    /**
     * Switches to another store while running. The new store is the truth from now on, after it has caught up: a
     * param it lacks, or holds at a lower revision, is copied into it from the old one (so nothing written here is
     * lost, and a durable store that was away while writes went on serves nothing stale); a param it holds at a
     * higher revision stays as it has it. Subscribers are not told of any difference. The old store is detached.
     */
    public void useStore(ParamStore next) {
        if (next == store) return;
        stripes.withAll(() -> {
            ParamStore old = store;
            old.scan("", p -> catchUp(next, p));
            old.detach();
            store = next;
            next.attach(feed);
            ttls.clear();
            armTtls(next);
        });
    }

    /** Puts {@code p} into {@code next} unless it holds that param at a higher revision. */
    private static void catchUp(ParamStore next, ParamRecord p) {
        for (;;) {
            ParamRecord there = next.get(p.address());
            if (there != null && there.revision() > p.revision()) return;
            if (there != null && there.revision() == p.revision() && Objects.equals(there, p)) return;
            if (next.compareAndSet(there, p)) return;
        }
    }

    /** The router stops: no more deadlines, and the store hears no more from it. */
    public void stop() {
        ttls.clear();
        leases.stop();
        store.detach();
    }

    private void armTtls(ParamStore s) {
        long now = clock.nowMicros();
        long global = globalTtlSeconds;
        s.scan("", p -> { if (Params.expires(p, global)) ttls.arm(p.address(), Math.max(Params.microsLeft(p, now, global), 0) + 1); });
    }

    /** The conflict strategies that decide writes from now on. */
    public void strategies(Strategies next) { this.strategies = next; }

    /** The TTL of params without their own (0: none); a change re-arms every param's deadline. */
    public void globalTtl(long seconds) {
        if (seconds == globalTtlSeconds) return;
        globalTtlSeconds = seconds;
        armTtls(store);
    }

    /** The leases that end the locks of silent holders. */
    public void leases(LockLeases next) { this.leases = next; }

    /** Applies one SET and broadcasts it; returns its revision. */
    public long set(Session s, SetMessage m) throws ClaspException {
        checkDeliverable(m);
        synchronized (stripes.of(m.address())) {
            ParamStore st = store;
            ParamRecord cur = st.get(m.address());
            ParamRecord next = write(st, cur, apply(s.id(), m, cur, st.size()));
            broadcast.set(s, m, next);
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

    /** The param after {@code m} is applied to {@code cur} (null: not stored yet, {@code stored} params exist). */
    private ParamRecord apply(String writer, SetMessage m, ParamRecord cur, int stored) throws ClaspException {
        long now = clock.nowMicros();
        Strategy strategy = strategies.of(m.address());
        if (cur == null) {
            if (stored >= maxParams.getAsInt()) throw new ClaspException(ErrorCodes.STATE_ERROR, "AtCapacity", m.address());
            boolean locks = m.lock() || strategy == Strategy.LOCK && !m.unlock();
            return new ParamRecord(m.address(), m.value(), 1, writer, now, locks ? writer : null, m.ttl());
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
        if (!strategy.accepts(cur.value(), m.value())) throw new ClaspException(ErrorCodes.STATE_ERROR, "ConflictRejected", m.address());
        if (m.unlock()) holder = null;
        if (m.lock() || strategy == Strategy.LOCK && !m.unlock()) holder = writer;
        return new ParamRecord(m.address(), m.value(), cur.revision() + 1, writer, now, holder,
                m.ttl() != null ? m.ttl() : cur.ttl());
    }

    /**
     * Writes {@code next} over {@code cur} (the caller holds the stripe): the lock bookkeeping, the store, the TTL
     * deadline. Returns what was stored: without its lock when the locking session closed meanwhile.
     */
    private ParamRecord write(ParamStore st, ParamRecord cur, ParamRecord next) {
        String before = cur == null ? null : cur.lockHolder();
        String after = next.lockHolder();
        if (after != null && !after.equals(before) && !locks.grant(after, next.address())) {
            next = Params.withLock(next, null);   // its session closed while this SET was on its way: no lock for the dead
            after = null;
        }
        if (!st.compareAndSet(cur, next)) throw new IllegalStateException("param store changed under its stripe lock: " + next.address());
        if (before != null && !before.equals(after)) locks.release(before, next.address());
        if (after != null && !after.equals(before)) leases.granted(after);
        long ttl = Params.ttlSeconds(next, globalTtlSeconds);
        if (ttl > 0) ttls.arm(next.address(), ttl * 1_000_000L + 1);
        return next;
    }

    /** Follows a lock moving from {@code before}'s holder to {@code after}'s in a change made elsewhere or a removal. */
    private void tracked(ParamRecord before, ParamRecord after) {
        String was = before == null ? null : before.lockHolder();
        String now = after == null ? null : after.lockHolder();
        String address = before != null ? before.address() : after.address();
        if (was != null && !was.equals(now)) locks.release(was, address);
        if (now != null && !now.equals(was)) locks.grant(now, address);
    }

    /** HARDEN §8: applies every SET of a bundle or none, each checked against the state it would meet. */
    public Long bundle(Session s, List<SetMessage> sets) throws ClaspException {
        if (sets.isEmpty()) return null;
        List<String> addresses = new ArrayList<>();
        for (SetMessage m : sets) addresses.add(m.address());
        return lockAll(stripes.ordered(addresses), 0, s, sets);
    }

    private Long lockAll(List<Object> order, int i, Session s, List<SetMessage> sets) throws ClaspException {
        if (i < order.size()) {
            synchronized (order.get(i)) {
                return lockAll(order, i + 1, s, sets);
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
            if (cur == null && st.size() + created >= maxParams.getAsInt()) {
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
        for (int k = 0; k < sets.size(); k++) broadcast.set(s, sets.get(k), write(st, before.get(k), results.get(k)));
        return results.get(results.size() - 1).revision();
    }

    /** Releases every lock the session holds (D7); it holds no more from now on. */
    public void releaseLocks(String sessionId) {
        for (String address : locks.close(sessionId)) {
            synchronized (stripes.of(address)) {
                ParamStore st = store;
                ParamRecord cur = st.get(address);
                if (cur != null && sessionId.equals(cur.lockHolder())) st.compareAndSet(cur, Params.withLock(cur, null));
            }
        }
    }

    /**
     * The lease of a silent holder ran out: releases the locks it held when its lease was checked, as its disconnect
     * would. A lock it took again since (a write after the check) stays.
     */
    public void leaseRanOut(String sessionId) {
        for (String address : locks.revoke(sessionId)) {
            synchronized (stripes.of(address)) {
                ParamStore st = store;
                ParamRecord cur = st.get(address);
                if (cur == null || !sessionId.equals(cur.lockHolder()) || locks.holds(sessionId, address)) continue;
                st.compareAndSet(cur, Params.withLock(cur, null));
            }
        }
    }

    /**
     * The store's change feed: a change decided elsewhere (another router, a replica) and already in the store
     * reaches this router's subscribers as a SET with the revision it was given there. A removal is not sent (the
     * wire has no removal message), as for a TTL or an admin's delete.
     */
    private void changedElsewhere(ParamRecord before, ParamRecord after) {
        String address = after != null ? after.address() : before != null ? before.address() : null;
        if (address == null) return;
        synchronized (stripes.of(address)) {
            tracked(before, after);
            if (after == null) return;
            long global = globalTtlSeconds;
            if (Params.expires(after, global)) ttls.arm(address, Math.max(Params.microsLeft(after, clock.nowMicros(), global), 0) + 1);
            broadcast.set(null, new SetMessage(address, after.value(), after.revision()), after);
        }
    }

    /** What the store reports goes to {@link #changedElsewhere} (a named class: the router provides this SPI type). */
    private final class ChangeFeed implements ParamChanges {
        @Override public void changed(ParamRecord before, ParamRecord after) { changedElsewhere(before, after); }
    }

    /** The change feed this writer gives the store it uses. */
    public ParamChanges changes() { return feed; }

    /** The TTL deadline of one address: removes the param once its own TTL ran out, silently, as in the reference. */
    private long expireIfDue(String address) {
        synchronized (stripes.of(address)) {
            ParamStore st = store;
            ParamRecord cur = st.get(address);
            long global = globalTtlSeconds;
            if (cur == null || !Params.expires(cur, global)) return 0;
            long left = Params.microsLeft(cur, clock.nowMicros(), global);
            if (left >= 0) return left + 1;
            if (st.compareAndSet(cur, null)) tracked(cur, null);
            return 0;
        }
    }

    /** Params waiting for their TTL deadline. */
    public int pendingTtls() { return ttls.pendingCount(); }

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    public int remove(String pattern) {
        List<String> matching = new ArrayList<>();
        store.scan(Glob.literalPrefix(pattern), p -> { if (Glob.matches(pattern, p.address())) matching.add(p.address()); });
        int removed = 0;
        for (String address : matching) {
            synchronized (stripes.of(address)) {
                ParamStore st = store;
                ParamRecord cur = st.get(address);
                if (cur == null || !st.compareAndSet(cur, null)) continue;
                tracked(cur, null);
                removed++;
            }
        }
        return removed;
    }
}
