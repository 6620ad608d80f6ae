package clasp.router.internal.signal;

import clasp.router.internal.match.Glob;
import clasp.api.message.SignalDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Signals announced with ANNOUNCE, by address; each expires a fixed time after its last announcement. */
public final class SignalRegistry {
    public static final long TTL_MICROS = 3_600L * 1_000_000L;

    private record Entry(SignalDefinition definition, long announcedAt) {}

    private final ConcurrentHashMap<String, Entry> signals = new ConcurrentHashMap<>();
    private volatile int max;

    public SignalRegistry(int max) { this.max = max; }

    public void limit(int max) { this.max = max; }

    /** Registers all of {@code defs}, or none when that would exceed the limit. */
    public synchronized boolean register(List<SignalDefinition> defs, long now) {
        long added = defs.stream().map(SignalDefinition::address).distinct().filter(a -> !signals.containsKey(a)).count();
        if (signals.size() + added > max) return false;
        for (SignalDefinition d : defs) signals.put(d.address(), new Entry(d, now));
        return true;
    }

    public List<SignalDefinition> query(String pattern) {
        List<SignalDefinition> out = new ArrayList<>();
        for (Entry e : signals.values()) if (Glob.matches(pattern, e.definition.address())) out.add(e.definition);
        return out;
    }

    public void expire(long now) { signals.values().removeIf(e -> now - e.announcedAt > TTL_MICROS); }

    public int size() { return signals.size(); }
}
