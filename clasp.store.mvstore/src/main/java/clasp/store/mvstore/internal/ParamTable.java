package clasp.store.mvstore.internal;

import clasp.api.store.AnnouncedSignal;
import clasp.api.store.ParamRecord;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The store's truth in memory: params and signal definitions, and the addresses changed since the last commit took
 * them. Every call is served from memory; a write marks its address dirty, tells the {@link WriteTracker} and, in
 * durable mode, appends itself to the {@link WriteAheadLog} (after the mark: whatever a commit's rotation leaves in
 * the previous log file, that commit's drain takes).
 */
final class ParamTable {
    private final ConcurrentHashMap<String, ParamRecord> params = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AnnouncedSignal> signals = new ConcurrentHashMap<>();
    private final Set<String> dirtyParams = ConcurrentHashMap.newKeySet();
    private final Set<String> dirtySignals = ConcurrentHashMap.newKeySet();
    private final WriteTracker tracker;
    private final WriteAheadLog wal;   // null: not durable

    ParamTable(WriteTracker tracker, WriteAheadLog wal) {
        this.tracker = tracker;
        this.wal = wal;
    }

    ParamRecord get(String address) { return params.get(address); }

    /** The router's compare-and-set: records are the same when revision and writer are. */
    boolean compareAndSet(ParamRecord expected, ParamRecord next) {
        String address = expected != null ? expected.address() : next.address();
        boolean[] done = {false};
        params.compute(address, (a, cur) -> {
            if (!same(cur, expected)) return cur;
            done[0] = true;
            return next;
        });
        if (done[0]) {
            dirtyParams.add(address);
            if (wal != null) {
                if (next != null) wal.appendParam(next);
                else wal.appendRemoval(expected);
            }
            tracker.accepted();
        }
        return done[0];
    }

    /** Applies a write-ahead log record over what the file held: true when it changed something (now dirty). */
    boolean replay(RecordCodec.Logged logged) {
        String address = logged.address();
        ParamRecord r = logged.record();
        boolean[] done = {false};
        params.compute(address, (a, cur) -> {
            boolean applies = r != null ? cur == null || r.revision() > cur.revision()
                    : cur != null && cur.revision() <= logged.removedRevision();
            if (!applies) return cur;
            done[0] = true;
            return r;
        });
        if (done[0]) {
            dirtyParams.add(address);
            tracker.accepted();
        }
        return done[0];
    }

    private static boolean same(ParamRecord stored, ParamRecord expected) {
        if (stored == null || expected == null) return stored == expected;
        return stored.revision() == expected.revision() && Objects.equals(stored.writer(), expected.writer());
    }

    void scan(String prefix, Consumer<ParamRecord> each) {
        for (ParamRecord p : params.values()) if (p.address().startsWith(prefix)) each.accept(p);
    }

    int size() { return params.size(); }

    void announced(AnnouncedSignal signal) {
        String address = signal.definition().address();
        signals.put(address, signal);
        dirtySignals.add(address);
        tracker.accepted();
    }

    void forgotten(String address) {
        if (signals.remove(address) != null) {
            dirtySignals.add(address);
            tracker.accepted();
        }
    }

    void scanSignals(Consumer<AnnouncedSignal> each) { signals.values().forEach(each); }

    int signalCount() { return signals.size(); }

    /** Loads a record read from the file (not a write: nothing becomes dirty). */
    void load(ParamRecord record) { params.put(record.address(), record); }

    void load(AnnouncedSignal signal) { signals.put(signal.definition().address(), signal); }

    /** Marks everything dirty, so that the next commit writes it all (into a fresh file after a recovery). */
    void markAllDirty() {
        dirtyParams.addAll(params.keySet());
        dirtySignals.addAll(signals.keySet());
        tracker.accepted();
    }

    /**
     * Gives each dirty param's current record (null: removed) to {@code param} and each dirty signal's to
     * {@code signal}, unmarking it first, so that a write racing with the drain is marked again and taken next time.
     */
    void drainDirty(BiConsumer<String, ParamRecord> param, BiConsumer<String, AnnouncedSignal> signal) {
        drain(dirtyParams, params, param);
        drain(dirtySignals, signals, signal);
    }

    private static <V> void drain(Set<String> dirty, Map<String, V> current, BiConsumer<String, V> each) {
        for (var it = dirty.iterator(); it.hasNext(); ) {
            String address = it.next();
            it.remove();
            each.accept(address, current.get(address));
        }
    }
}
