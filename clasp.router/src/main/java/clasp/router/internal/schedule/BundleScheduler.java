package clasp.router.internal.schedule;

import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds bundles until their time on the {@link RouterClock} and counts them per sending session. A bundle never runs
 * before its time by the router clock: if the timer fires early (it sleeps on another clock), it waits again for the
 * rest. Bundles due at the same time run in the order they were scheduled. A pending bundle outlives its sender's
 * connection (a cue still fires); it still counts against that session until it runs. Since pending bundles outlive
 * their sessions, a router-wide cap bounds what a client that keeps reconnecting can leave waiting.
 */
public final class BundleScheduler {
    /** What {@link #schedule} did. */
    public enum Admission { SCHEDULED, SESSION_FULL, ROUTER_FULL }

    /** One waiting bundle: its time, its sender and what to run. */
    private final class Pending {
        final long atMicros;
        final Session sender;
        final Runnable run;
        volatile RouterClock.Timeout timeout;

        Pending(long atMicros, Session sender, Runnable run) {
            this.atMicros = atMicros;
            this.sender = sender;
            this.run = run;
        }

        void arm() {
            long wait = Math.max(atMicros - clock.nowMicros(), 0);
            timeout = clock.schedule(wait, TimeUnit.MICROSECONDS, this::due);
        }

        void due() {
            if (!waiting.contains(this)) return;   // cleared
            if (clock.nowMicros() < atMicros) {
                arm();
                return;
            }
            if (!waiting.remove(this)) return;
            total.decrementAndGet();
            perSession.computeIfPresent(sender, (s, n) -> n > 1 ? n - 1 : null);
            run.run();
        }
    }

    private final RouterClock clock;
    private final Set<Pending> waiting = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Session, Integer> perSession = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();   // places taken in waiting, reserved before it is added

    public BundleScheduler(RouterClock clock) { this.clock = clock; }

    /**
     * Runs {@code run} on the clock's thread once the router clock reads {@code atMicros} or later, unless
     * {@code sender} already has {@code sessionCap} bundles waiting or all senders together {@code routerCap}: then
     * nothing is scheduled.
     */
    public Admission schedule(Session sender, long atMicros, int sessionCap, int routerCap, Runnable run) {
        // The session's place first, then the router's: a router place, once taken, is kept, so no other session is
        // ever refused for a place that is handed back. A session place is handed back only when the router is full.
        boolean[] admitted = {false};
        perSession.compute(sender, (s, n) -> {
            int count = n == null ? 0 : n;
            if (count >= sessionCap) return n;
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) return Admission.SESSION_FULL;
        for (int n = total.get(); ; n = total.get()) {
            if (n >= routerCap) {
                perSession.computeIfPresent(sender, (s, k) -> k > 1 ? k - 1 : null);
                return Admission.ROUTER_FULL;
            }
            if (total.compareAndSet(n, n + 1)) break;
        }
        Pending p = new Pending(atMicros, sender, run);
        waiting.add(p);
        p.arm();
        return Admission.SCHEDULED;
    }

    /** Bundles waiting for their time, all senders together. */
    public int pending() { return waiting.size(); }

    /** Bundles {@code sender} has waiting. */
    public int pending(Session sender) { return perSession.getOrDefault(sender, 0); }

    /** The router stops: no waiting bundle runs. */
    public void clear() {
        for (Pending p : waiting) {
            RouterClock.Timeout t = p.timeout;
            if (t != null) t.cancel();
        }
        waiting.clear();
        perSession.clear();
        total.set(0);
    }
}
