package clasp.router.internal.signal;

import clasp.router.internal.clock.Deadlines;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.match.Glob;

import clasp.api.message.SignalDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signals announced with ANNOUNCE, by address; each expires a fixed time after its last announcement, by a
 * deadline on the router's clock (re-armed lazily when announced again).
 */
public final class SignalRegistry {
    public static final long TTL_MICROS = 3_600L * 1_000_000L;

    private record Entry(SignalDefinition definition, long announcedAt) {}

    private final ConcurrentHashMap<String, Entry> signals = new ConcurrentHashMap<>();
    private final RouterClock clock;
    private final Deadlines expiry;
    private volatile int max;

    public SignalRegistry(int max, RouterClock clock) {
        this.max = max;
        this.clock = clock;
        this.expiry = new Deadlines(clock, this::expire);
    }

    public void limit(int max) { this.max = max; }

    /** Registers all of {@code defs}, or none when that would exceed the limit. */
    public synchronized boolean register(List<SignalDefinition> defs) {
        long added = defs.stream().map(SignalDefinition::address).distinct().filter(a -> !signals.containsKey(a)).count();
        if (signals.size() + added > max) return false;
        long now = clock.nowMicros();
        for (SignalDefinition d : defs) {
            signals.put(d.address(), new Entry(d, now));
            expiry.arm(d.address(), TTL_MICROS + 1);
        }
        return true;
    }

    public List<SignalDefinition> query(String pattern) {
        List<SignalDefinition> out = new ArrayList<>();
        for (Entry e : signals.values()) if (Glob.matches(pattern, e.definition.address())) out.add(e.definition);
        return out;
    }

    /** The expiry check of one address: removes it once its TTL ran out, else says how long it has left. */
    private synchronized long expire(String address) {
        Entry e = signals.get(address);
        if (e == null) return 0;
        long left = e.announcedAt + TTL_MICROS - clock.nowMicros();
        if (left >= 0) return left + 1;
        signals.remove(address);
        return 0;
    }

    public int size() { return signals.size(); }

    public void clear() { expiry.clear(); }
}
