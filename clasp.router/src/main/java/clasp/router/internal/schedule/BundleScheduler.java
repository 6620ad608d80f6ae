package clasp.router.internal.schedule;

import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Holds bundles until their time on the {@link RouterClock} and counts them per sending session. A bundle never runs
 * before its time by the router clock: if the timer fires early (it sleeps on another clock), it waits again for the
 * rest. Bundles due at the same time run in the order they were scheduled. A pending bundle outlives its sender's
 * connection (a cue still fires); it still counts against that session until it runs.
 */
public final class BundleScheduler {
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
            perSession.computeIfPresent(sender, (s, n) -> n > 1 ? n - 1 : null);
            run.run();
        }
    }

    private final RouterClock clock;
    private final Set<Pending> waiting = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Session, Integer> perSession = new ConcurrentHashMap<>();

    public BundleScheduler(RouterClock clock) { this.clock = clock; }

    /**
     * Runs {@code run} on the clock's thread once the router clock reads {@code atMicros} or later; false (nothing
     * scheduled) when {@code sender} already has {@code cap} bundles waiting.
     */
    public boolean schedule(Session sender, long atMicros, int cap, Runnable run) {
        boolean[] admitted = {false};
        perSession.compute(sender, (s, n) -> {
            int count = n == null ? 0 : n;
            if (count >= cap) return n;
            admitted[0] = true;
            return count + 1;
        });
        if (!admitted[0]) return false;
        Pending p = new Pending(atMicros, sender, run);
        waiting.add(p);
        p.arm();
        return true;
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
    }
}
