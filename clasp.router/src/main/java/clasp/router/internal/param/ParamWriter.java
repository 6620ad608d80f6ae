package clasp.router.internal.param;

import clasp.api.message.SetMessage;
import clasp.api.router.ClaspException;
import clasp.api.router.ErrorCodes;
import clasp.protocol.WireSizes;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.delivery.Chunks;
import clasp.router.internal.match.Glob;
import clasp.router.internal.session.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The SET and bundle write path (§6, HARDEN §8) and the lock bookkeeping (D7). Each write holds its address's
 * stripe from reading the stored param until its SET has been handed to every subscriber.
 */
public final class ParamWriter {
    /** Hands an applied SET to its subscribers; called under the address's stripe. */
    public interface Broadcast { void set(Session sender, SetMessage applied, StoredParam param); }

    /** A SNAPSHOT entry's fixed parts beyond address and value: revision, flags, writer (a UUID), timestamp. */
    private static final int ENTRY_OVERHEAD = 2 + 8 + 1 + 2 + 36 + 8;

    private final ParamStore store;
    private final Stripes stripes;
    private final LockBook locks;
    private final IntSupplier maxParams;
    private final Broadcast broadcast;

    public ParamWriter(ParamStore store, Stripes stripes, LockBook locks, IntSupplier maxParams, Broadcast broadcast) {
        this.store = store;
        this.stripes = stripes;
        this.locks = locks;
        this.maxParams = maxParams;
        this.broadcast = broadcast;
    }

    /** Applies one SET and broadcasts it; returns its revision. */
    public long set(Session s, SetMessage m) throws ClaspException {
        checkDeliverable(m);
        synchronized (stripes.of(m.address())) {
            StoredParam next = store(apply(s.id(), m, store.get(m.address())));
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

    /** The param after {@code m} is applied to {@code cur} (null: not stored yet); the store is not touched. */
    private StoredParam apply(String writer, SetMessage m, StoredParam cur) throws ClaspException {
        long now = Micros.now();
        if (cur == null) {
            if (store.size() >= maxParams.getAsInt()) throw new ClaspException(ErrorCodes.STATE_ERROR, "AtCapacity", m.address());
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

    /** Stores {@code next}, keeping the lock bookkeeping; returns what was stored. */
    private StoredParam store(StoredParam next) {
        StoredParam cur = store.get(next.address());
        String before = cur == null ? null : cur.lockHolder();
        String after = next.lockHolder();
        if (after != null && !after.equals(before) && !locks.grant(after, next.address())) {
            next = next.unlocked();   // its session closed while this SET was on its way: no lock for the dead
            after = null;
        }
        boolean ok = cur == null ? store.create(next) : store.compareAndSet(cur, next);
        if (!ok) throw new IllegalStateException("param store changed under its stripe lock: " + next.address());
        if (before != null && !before.equals(after)) locks.release(before, next.address());
        return next;
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
        Map<String, StoredParam> staged = new LinkedHashMap<>();
        List<StoredParam> results = new ArrayList<>();
        int created = 0;
        for (SetMessage m : sets) {
            checkDeliverable(m);
            StoredParam cur = staged.containsKey(m.address()) ? staged.get(m.address()) : store.get(m.address());
            if (cur == null && store.size() + created >= maxParams.getAsInt()) {
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
        for (int k = 0; k < sets.size(); k++) broadcast.set(s, sets.get(k), store(results.get(k)));
        return results.get(results.size() - 1).revision();
    }

    /** Releases every lock the session holds (D7); it holds no more from now on. */
    public void releaseLocks(String sessionId) {
        for (String address : locks.close(sessionId)) {
            synchronized (stripes.of(address)) {
                StoredParam cur = store.get(address);
                if (cur != null && sessionId.equals(cur.lockHolder())) {
                    store.compareAndSet(cur, cur.unlocked());
                }
            }
        }
    }

    /** Drops params whose own TTL ran out; silent, as in the reference. */
    public void expire(long nowMicros) {
        for (StoredParam p : store.all()) {
            if (!p.expired(nowMicros)) continue;
            synchronized (stripes.of(p.address())) {
                StoredParam cur = store.get(p.address());
                if (cur != null && cur.expired(nowMicros)) store.remove(cur);
            }
        }
    }

    /** Removes matching params (an admin's delete), releasing their locks; returns how many went. */
    public int remove(String pattern) {
        int removed = 0;
        for (StoredParam p : store.all()) {
            if (!Glob.matches(pattern, p.address())) continue;
            synchronized (stripes.of(p.address())) {
                StoredParam cur = store.get(p.address());
                if (cur == null || !store.remove(cur)) continue;
                if (cur.lockHolder() != null) locks.release(cur.lockHolder(), cur.address());
                removed++;
            }
        }
        return removed;
    }
}
