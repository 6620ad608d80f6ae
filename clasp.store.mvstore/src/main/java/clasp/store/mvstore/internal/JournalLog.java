package clasp.store.mvstore.internal;

import clasp.api.store.Journal;
import clasp.api.store.JournalEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;

/**
 * The journal: entries keyed by a sequence number, appended to memory ({@code unsaved}) by the writing thread and
 * moved into the file's map by the commit thread, which also trims the oldest past the bounds. An entry is put into
 * the map before it leaves {@code unsaved}, so a reader walking both by sequence number never misses one.
 */
final class JournalLog implements Journal {
    private final StoreSettings settings;
    private final WriteTracker tracker;
    private final ConcurrentSkipListMap<Long, JournalEntry> unsaved = new ConcurrentSkipListMap<>();
    private final AtomicInteger unsavedCount = new AtomicInteger();
    private final AtomicLong nextSeq = new AtomicLong(1);
    private final AtomicLong dropped = new AtomicLong();
    private volatile MVMap<Long, byte[]> saved;
    private volatile long savedBytes;

    JournalLog(StoreSettings settings, WriteTracker tracker) {
        this.settings = settings;
        this.tracker = tracker;
    }

    /** Takes the file's map (opened, recovered or fresh); the sequence continues after its last entry. */
    void open(MVMap<Long, byte[]> map, long bytes) {
        savedBytes = bytes;
        Long last = map.lastKey();
        nextSeq.set(last == null ? 1 : last + 1);
        saved = map;
    }

    @Override
    public void append(JournalEntry entry) {
        if (unsavedCount.get() >= 2 * settings.journalMaxEntries()) {
            dropped.incrementAndGet();
            return;
        }
        unsavedCount.incrementAndGet();
        unsaved.put(nextSeq.getAndIncrement(), entry);
        tracker.accepted();
    }

    /** On the commit thread: moves the unsaved entries into the map, then trims it to the bounds. */
    void save() {
        MVMap<Long, byte[]> map = saved;
        for (Map.Entry<Long, JournalEntry> e = unsaved.firstEntry(); e != null; e = unsaved.higherEntry(e.getKey())) {
            byte[] bytes = RecordCodec.journal(e.getValue());
            if (bytes.length > settings.journalMaxBytes()) {
                dropped.incrementAndGet();
            } else {
                map.put(e.getKey(), bytes);
                savedBytes += bytes.length;
            }
            unsaved.remove(e.getKey());
            unsavedCount.decrementAndGet();
        }
        trim(map);
    }

    private void trim(MVMap<Long, byte[]> map) {
        long oldestKept = oldestKept();
        for (Long first = map.firstKey(); first != null; first = map.firstKey()) {
            boolean over = map.sizeAsLong() > settings.journalMaxEntries() || savedBytes > settings.journalMaxBytes();
            byte[] bytes = map.get(first);
            if (!over && In.leadingLong(bytes) >= oldestKept) break;
            map.remove(first);
            savedBytes -= bytes.length;
        }
    }

    /** Entries older than this (µs) are past the age bound. */
    private long oldestKept() {
        return settings.clockMicros().getAsLong() - TimeUnit.SECONDS.toMicros(settings.journalMaxAgeSeconds());
    }

    /** Whether the commit thread has entries to save. */
    boolean hasUnsaved() { return !unsaved.isEmpty(); }

    @Override
    public Iterator<JournalEntry> read(long from, long to) {
        MVMap<Long, byte[]> map = saved;
        long last = nextSeq.get() - 1;
        long lowest = Math.max(from, oldestKept());
        return new Iterator<>() {
            private long position = 0;
            private JournalEntry next;

            @Override public boolean hasNext() {
                while (next == null) {
                    Long inMap = map.ceilingKey(position);
                    Long inMemory = unsaved.ceilingKey(position);
                    Long seq = inMap == null || inMemory != null && inMemory < inMap ? inMemory : inMap;
                    if (seq == null || seq > last) return false;
                    JournalEntry entry = entryAt(seq, map, inMap != null && seq.equals(inMap));
                    if (entry == null) continue;   // it moved to the map meanwhile: look again at the same position
                    position = seq + 1;
                    if (entry.timestamp() >= lowest && entry.timestamp() <= to) next = entry;
                }
                return true;
            }

            @Override public JournalEntry next() {
                if (!hasNext()) throw new NoSuchElementException();
                JournalEntry e = next;
                next = null;
                return e;
            }

            private JournalEntry entryAt(long seq, MVMap<Long, byte[]> map, boolean inMap) {
                if (!inMap) return unsaved.get(seq);
                byte[] bytes = map.get(seq);
                if (bytes == null) {   // trimmed meanwhile
                    position = seq + 1;
                    return null;
                }
                long timestamp = In.leadingLong(bytes);
                if (timestamp < lowest || timestamp > to) {
                    position = seq + 1;
                    return null;
                }
                return RecordCodec.journal(bytes);
            }
        };
    }

    long entries() {
        MVMap<Long, byte[]> map = saved;
        return (map == null ? 0 : map.sizeAsLong()) + unsavedCount.get();
    }

    long savedBytes() { return savedBytes; }

    long dropped() { return dropped.get(); }

    @Override
    public String describe() {
        return entries() + " entries, " + Sizes.bytes(savedBytes) + ", bounds " + settings.journalMaxEntries() + " / "
                + Sizes.bytes(settings.journalMaxBytes()) + " / " + Sizes.seconds(settings.journalMaxAgeSeconds())
                + ", " + dropped.get() + " dropped";
    }
}
