package clasp.store.mvstore.internal;

import clasp.api.store.AnnouncedSignal;
import clasp.api.store.Journal;
import clasp.api.store.ParamChanges;
import clasp.api.store.ParamRecord;
import clasp.api.store.ParamStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import org.h2.mvstore.FileStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A param store on an H2 MVStore file. Params and signal definitions are served from memory ({@link ParamTable});
 * the store's thread {@value CommitLoop#THREAD_NAME} writes what changed into the file and commits and fsyncs it,
 * so that a crash loses at most the configured commit interval. In durable mode every write is also appended to a
 * {@link WriteAheadLog} beside the file, which {@link #sync} group-commits (without a store commit); at open, what
 * the log holds beyond the file is replayed and committed, whatever the mode.
 */
public final class MvParamStore implements ParamStore, AutoCloseable {
    static final Logger LOG = LoggerFactory.getLogger("clasp.store.mvstore");

    private final StoreSettings settings;
    private final WriteTracker tracker = new WriteTracker();
    private final WriteAheadLog wal;   // null: not durable
    private final ParamTable table;
    private final JournalLog journal;
    private final ReentrantLock fileLock = new ReentrantLock();   // held while the file is written or copied
    private final StoreFile file;
    private final CommitLoop loop;
    private volatile boolean open = true;
    private volatile Instant lastCommit;
    private volatile long lastCommitMicros;
    private volatile long commits;
    private volatile String lastFailure;
    private long lastHousekeeping = System.nanoTime();
    private final LateCommits late;

    /** How many loaded params the warm-up commit writes again (as they are). */
    private static final int WARM_UP_RECORDS = 256;
    /** The key in the file's meta map that says when the store was last opened. */
    private static final String OPENED_KEY = "opened";
    /** The file is shrunk only beyond this size... */
    private static final long SHRINK_ABOVE_BYTES = 8L << 20;
    /** ...when less than this share of it (%) is live. */
    private static final int SHRINK_BELOW_FILL_RATE = 50;
    /** The most a shrink may take, in ms (what it has not moved by then waits for the next). */
    private static final int SHRINK_MILLIS = 500;
    /** How often a commit also compacts the file. */
    private static final long HOUSEKEEPING_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Chunks with less live data than this (%) are rewritten. */
    private static final int HOUSEKEEPING_FILL_RATE = 80;
    /** The most a compaction rewrites at once. */
    private static final int HOUSEKEEPING_WRITE_BYTES = 1 << 20;

    private MvParamStore(StoreSettings settings, StoreFile file) {
        this.settings = settings;
        this.file = file;
        this.wal = settings.durable() ? WriteAheadLog.open(settings.file()) : null;
        this.table = new ParamTable(tracker, wal);
        this.journal = new JournalLog(settings, tracker);
        this.loop = new CommitLoop(this, tracker, settings.commitIntervalMillis());
        this.late = new LateCommits(settings.commitIntervalMillis());
    }

    /**
     * Opens (or creates, or recovers) the store file, loads it into memory and starts the commit thread. Logs the
     * contract's "opened" line, and the "was damaged" line first when it had to recover.
     */
    public static MvParamStore open(StoreSettings settings) {
        long start = System.nanoTime();
        Path path = settings.file();
        StoreFile.Opened opened = StoreFile.openOrRecover(path);
        StoreFile file = opened.file();
        MvParamStore store = null;
        try {
            var logged = WriteAheadLog.read(path);
            store = new MvParamStore(settings, file);
            file.loadedParams.forEach(store.table::load);
            file.loadedSignals.forEach(store.table::load);
            store.journal.open(file.journal, file.journalBytes);
            store.replay(logged);
        } catch (RuntimeException e) {
            if (store != null && store.wal != null) store.wal.close();
            file.store.closeImmediately();
            throw e;
        }
        if (opened.damage() != null) {
            StoreFile.Damage d = opened.damage();
            LOG.warn("clasp.store.mvstore: {} was damaged ({}); kept aside as {}; {}", path, d.reason(), d.keptAs(),
                    d.recovered() ? "recovered " + file.loadedParams.size() + " params and " + file.journal.sizeAsLong()
                            + " journal entries" : "started empty");
        }
        LOG.info("clasp.store.mvstore: opened {}: {} params, {} signals, {} journal entries in {} ms", path,
                file.loadedParams.size(), file.loadedSignals.size(), file.journal.sizeAsLong(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        store.warmUp();
        store.loop.start();
        return store;
    }

    /**
     * Applies the write-ahead log's records over the loaded params, commits them and empties the log (in default
     * mode: deletes it; the previous run may have been durable). Returns how many records changed a param.
     */
    private int replay(List<RecordCodec.Logged> logged) {
        int applied = 0;
        for (RecordCodec.Logged l : logged) if (table.replay(l)) applied++;
        if (applied > 0) {
            LOG.info("clasp.store.mvstore: replayed {} writes from the write-ahead log", applied);
            commit();   // before the log is emptied: a crash now still finds them in one or the other
        }
        if (wal != null) wal.truncateBoth();
        else WriteAheadLog.delete(settings.file());
        return applied;
    }

    @Override public ParamRecord get(String address) { return table.get(address); }

    @Override public boolean compareAndSet(ParamRecord expected, ParamRecord next) { return table.compareAndSet(expected, next); }

    @Override public void scan(String addressPrefix, Consumer<ParamRecord> each) { table.scan(addressPrefix, each); }

    @Override public int size() { return table.size(); }

    @Override public void attach(ParamChanges changes) { }   // nothing but the router changes this store

    @Override public void detach() { }   // params stay: they are the file's

    @Override public boolean durable() { return settings.durable(); }

    @Override
    public void sync() {
        if (!open) throw new IllegalStateException("the store " + settings.file() + " is closed");
        if (wal != null) wal.sync(StoreSettings.SYNC_TIMEOUT_MILLIS);
        else tracker.awaitCommit(StoreSettings.SYNC_TIMEOUT_MILLIS);   // not the router's call: it syncs durable stores only
    }

    @Override public boolean persistent() { return true; }

    @Override
    public String describe() {
        return "H2 MVStore " + settings.file() + ", committed every " + settings.commitIntervalMillis() + " ms"
                + (settings.durable() ? ", durable commits through a write-ahead log" : "");
    }

    @Override public void announced(AnnouncedSignal signal) { table.announced(signal); }

    @Override public void forgotten(String address) { table.forgotten(address); }

    @Override public void scanSignals(Consumer<AnnouncedSignal> each) { table.scanSignals(each); }

    /** The journal kept in the same file, or null when the settings turn it off. */
    public Journal journal() { return settings.journal() ? journal : null; }

    public StoreSettings settings() { return settings; }

    /**
     * Writes everything changed since the last commit into the file, commits and fsyncs it. Called by the commit
     * thread, and by {@link #backup} and {@link #close}.
     */
    void commit() {
        fileLock.lock();
        try {
            long start = System.nanoTime();
            long oldest = tracker.oldestUncommitted();
            long covered = tracker.beginCommit();
            int coveredLog = wal != null ? wal.rotate() : -1;   // before the drain: it takes all the old file holds
            try {
                table.drainDirty(
                        (address, r) -> { if (r == null) file.params.remove(address); else file.params.put(address, RecordCodec.param(r)); },
                        (address, s) -> { if (s == null) file.signals.remove(address); else file.signals.put(address, RecordCodec.signal(s)); });
                commitAndSync();   // the params first, so that a large journal batch never delays them
                if (coveredLog >= 0) wal.truncate(coveredLog);
                long durable = System.nanoTime();
                loop.took(TimeUnit.NANOSECONDS.toMicros(durable - start));   // what the next deadline must allow for
                if (oldest != 0) late.check(durable - oldest);
                tracker.committed(covered);   // what sync() waits for: the params are on disk
                if (settings.journal()) journal.save();
                commitAndSync();
            } catch (RuntimeException e) {
                table.markAllDirty();   // whatever this commit took is written again by the next one
                if (lastFailure == null) LOG.error("clasp.store.mvstore: cannot commit {}", settings.file(), e);
                lastFailure = e.toString();
                throw e;
            }
            lastFailure = null;
            if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING_NANOS) housekeep();
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            lastCommitMicros = micros;
            lastCommit = Instant.now();
            commits++;
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * One commit at open, of what the file already holds, so that the write path's classes are loaded and its code
     * run once before the first client's writes wait for it: in a fresh JVM that first commit took several times the
     * commit interval, and a kill -9 meanwhile lost more than the interval.
     */
    private void warmUp() {
        fileLock.lock();
        try {
            int n = 0;
            for (ParamRecord r : file.loadedParams) {
                if (n++ == WARM_UP_RECORDS) break;
                file.params.put(r.address(), RecordCodec.param(r));
            }
            file.store.<String, String>openMap(StoreFile.META).put(OPENED_KEY, Instant.now().toString());
            commitAndSync();
        } finally {
            fileLock.unlock();
        }
    }

    private void commitAndSync() {
        if (!file.store.hasUnsavedChanges()) return;
        file.store.commit();
        file.store.sync();
    }

    /**
     * Writes a consistent copy of the store file to {@code target} while the store runs: commits, then copies with
     * the commit thread held off. Returns the copy's size in bytes.
     */
    public long backup(Path target) throws IOException {
        if (target.toAbsolutePath().normalize().equals(settings.file().toAbsolutePath().normalize())) {
            throw new IOException("the backup cannot be the store file itself: " + target);
        }
        fileLock.lock();
        try {
            if (!open) throw new IOException("the store " + settings.file() + " is closed");
            commit();
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.copy(settings.file(), target, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(target);
        } finally {
            fileLock.unlock();
        }
    }

    /**
     * Rewrites chunks mostly of dead pages, a little at a time (each commit already frees chunks without live data).
     * Without it (MVStore's background thread, which this store does not run, would do it) the file only grows.
     */
    private void housekeep() {
        lastHousekeeping = System.nanoTime();
        if (file.store.compact(HOUSEKEEPING_FILL_RATE, HOUSEKEEPING_WRITE_BYTES) || file.store.hasUnsavedChanges()) {
            file.store.commit();
            file.store.sync();
        }
        // chunks are always appended (StoreFile): once less than half the file is live, move them down and cut it
        FileStore<?> fs = file.store.getFileStore();
        if (fs.size() > SHRINK_ABOVE_BYTES && fs.getChunksFillRate() < SHRINK_BELOW_FILL_RATE) {
            fs.setReuseSpace(true);   // moving chunks down needs the free space; only for this moment
            try {
                file.store.compactFile(SHRINK_MILLIS);
                file.store.sync();
            } finally {
                fs.setReuseSpace(false);
            }
        }
    }

    /** Compacts now, as a commit does every few seconds (for tests: it runs on the caller's thread). */
    void housekeepNow() {
        fileLock.lock();
        try {
            housekeep();
        } finally {
            fileLock.unlock();
        }
    }

    /** Runs {@code action} with the commit thread held off (for tests: copies of the files as a crash leaves them). */
    void whileNotCommitting(Runnable action) {
        fileLock.lock();
        try {
            action.run();
        } finally {
            fileLock.unlock();
        }
    }

    /** Replaced chunks are freed after {@code millis} instead of MVStore's 45 s (for tests of the file's size). */
    void retention(int millis) { file.store.getFileStore().setRetentionTime(millis); }


    /** How many commits reached the disk later than the interval after their oldest write. */
    long lateCommits() { return late.count(); }

    /** What {@code clasp.store:status} prints. */
    public StoreStatus status() {
        long size;
        try {
            size = Files.size(settings.file());
        } catch (IOException e) {
            size = -1;
        }
        return new StoreStatus(describe(), settings.journal() ? journal.describe() : null, settings.file(), size,
                lastCommit, lastCommitMicros, commits, journal.entries(), journal.dropped(), lastFailure);
    }

    /** Stops the commit thread after a last commit and closes the file, releasing its lock whatever fails. */
    @Override
    public void close() {
        if (!open) return;
        open = false;
        boolean committed = false;
        try {
            loop.stop();
            commit();
            committed = true;
        } finally {
            if (wal != null) wal.close(committed);   // kept when the final commit failed: it holds what is not in the file
            fileLock.lock();
            try {
                file.store.close();
            } catch (RuntimeException e) {
                LOG.warn("clasp.store.mvstore: closing {} failed; closed without writing", settings.file(), e);
                file.store.closeImmediately();
            } finally {
                fileLock.unlock();
            }
        }
    }

    /** The commit thread (for tests: it must be gone after {@link #close}). */
    Thread commitThread() { return loop.thread(); }

    boolean hasPendingWork() { return tracker.oldestUncommitted() != 0 || journal.hasUnsaved(); }
}
