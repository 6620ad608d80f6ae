package clasp.router.internal.param;

import clasp.router.internal.clock.Deadlines;
import clasp.router.internal.clock.RouterClock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Lock leases: a session that holds locks and sends nothing for longer than the lease loses them, as if it had
 * disconnected. One deadline per holding session on the router clock, armed when it is granted a lock; when it
 * fires, the session's last inbound frame decides: heard from within the lease, the check waits for the rest of it
 * (no per-frame scheduling); silent past it, its locks are released. A lease of 0 means no lease.
 *
 * <p>Threads: {@link #granted} runs under a stripe on the writer's thread; checks run on the clock's thread holding
 * nothing, and the release they call takes each address's stripe, as a write does.
 */
public final class LockLeases {
    /** No leases: locks last until released or their holder goes. */
    public static final LockLeases NONE = new LockLeases(null, null, () -> 0, null, null);

    private final RouterClock clock;
    private final ToLongFunction<String> heardMicros;
    private final LongSupplier leaseMicros;
    private final LockBook locks;
    private final Consumer<String> ranOut;
    private final Deadlines deadlines;

    /**
     * {@code heardMicros}: when the session last sent a frame, on the router clock ({@code Long.MIN_VALUE}: gone);
     * {@code leaseMicros}: the lease now (≤ 0: none); {@code ranOut}: releases the session's locks.
     */
    public LockLeases(RouterClock clock, ToLongFunction<String> heardMicros, LongSupplier leaseMicros, LockBook locks,
                      Consumer<String> ranOut) {
        this.clock = clock;
        this.heardMicros = heardMicros;
        this.leaseMicros = leaseMicros;
        this.locks = locks;
        this.ranOut = ranOut;
        this.deadlines = clock == null ? null : new Deadlines(clock, this::check);
    }

    /** The session was granted a lock: its lease is checked at most a lease from now. */
    void granted(String sessionId) {
        long lease = leaseMicros.getAsLong();
        if (lease > 0 && deadlines != null) deadlines.arm(sessionId, lease);
    }

    /** µs until the session's lease must be checked again, or 0 when it needs no more checks. */
    private long check(String sessionId) {
        long lease = leaseMicros.getAsLong();
        if (lease <= 0 || !locks.holdsAny(sessionId)) return 0;
        long heard = heardMicros.applyAsLong(sessionId);
        long silent = heard == Long.MIN_VALUE ? Long.MAX_VALUE : clock.nowMicros() - heard;
        if (silent < lease) return lease - silent;
        ranOut.accept(sessionId);
        return 0;
    }

    /** The lease was changed: every session holding locks now is checked within the new lease. */
    public void changed() { if (locks != null) locks.holders().forEach(this::granted); }

    /** Checks pending, one per holding session. */
    public int pendingCount() { return deadlines == null ? 0 : deadlines.pendingCount(); }

    void stop() { if (deadlines != null) deadlines.clear(); }
}
