package clasp.router.internal.signal;

import clasp.router.internal.clock.Deadlines;
import clasp.router.internal.clock.RouterClock;
import clasp.protocol.match.Glob;

import clasp.api.message.SignalDefinition;
import clasp.api.store.AnnouncedSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signals announced with ANNOUNCE, by address; each expires a fixed time after its last announcement, by a
 * deadline on the router's clock (re-armed lazily when announced again). What it registers and forgets is told to
 * a {@link Keeper} (the param store, which keeps definitions across restarts).
 */
public final class SignalRegistry {
    public static final long TTL_MICROS = 3_600L * 1_000_000L;

    /** Hears every definition registered and every one that expired. */
    public interface Keeper {
        void announced(AnnouncedSignal signal);

        void forgotten(String address);
    }

    private record Entry(SignalDefinition definition, long announcedAt) {}

    private final ConcurrentHashMap<String, Entry> signals = new ConcurrentHashMap<>();
    private final RouterClock clock;
    private final Deadlines expiry;
    private final Keeper keeper;
    private volatile int max;

    public SignalRegistry(int max, RouterClock clock, Keeper keeper) {
        this.max = max;
        this.keeper = keeper;
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
            keeper.announced(new AnnouncedSignal(d, now));
        }
        return true;
    }

    /**
     * Takes in definitions kept elsewhere (a store the router starts using), each unless expired or older than the
     * one registered here, beyond the limit if need be (they were within it when announced).
     */
    public synchronized void restore(AnnouncedSignal kept) {
        long left = kept.announcedAt() + TTL_MICROS - clock.nowMicros();
        if (left < 0) return;
        Entry here = signals.get(kept.definition().address());
        if (here != null && here.announcedAt >= kept.announcedAt()) return;
        signals.put(kept.definition().address(), new Entry(kept.definition(), kept.announcedAt()));
        expiry.arm(kept.definition().address(), left + 1);
    }

    /** Gives every registered definition to {@code each}. */
    public void forEach(Consumer<AnnouncedSignal> each) {
        for (Entry e : signals.values()) each.accept(new AnnouncedSignal(e.definition, e.announcedAt));
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
        keeper.forgotten(address);
        return 0;
    }

    public int size() { return signals.size(); }

    public void clear() { expiry.clear(); }
}
