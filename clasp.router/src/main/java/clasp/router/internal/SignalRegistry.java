package clasp.router.internal;

import clasp.api.message.SignalDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Signals announced with ANNOUNCE, by address; each expires a fixed time after its last announcement. */
final class SignalRegistry {
    static final long TTL_MICROS = 3_600L * 1_000_000L;

    private record Entry(SignalDefinition definition, long announcedAt) {}

    private final ConcurrentHashMap<String, Entry> signals = new ConcurrentHashMap<>();
    private volatile int max;

    SignalRegistry(int max) { this.max = max; }

    void limit(int max) { this.max = max; }

    /** Registers all of {@code defs}, or none when that would exceed the limit. */
    synchronized boolean register(List<SignalDefinition> defs, long now) {
        long added = defs.stream().map(SignalDefinition::address).distinct().filter(a -> !signals.containsKey(a)).count();
        if (signals.size() + added > max) return false;
        for (SignalDefinition d : defs) signals.put(d.address(), new Entry(d, now));
        return true;
    }

    List<SignalDefinition> query(String pattern) {
        List<SignalDefinition> out = new ArrayList<>();
        for (Entry e : signals.values()) if (Glob.matches(pattern, e.definition.address())) out.add(e.definition);
        return out;
    }

    void expire(long now) { signals.values().removeIf(e -> now - e.announcedAt > TTL_MICROS); }

    int size() { return signals.size(); }
}
