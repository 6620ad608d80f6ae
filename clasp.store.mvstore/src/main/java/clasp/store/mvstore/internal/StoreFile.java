package clasp.store.mvstore.internal;

import clasp.api.store.AnnouncedSignal;
import clasp.api.store.ParamRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.MVStoreTool;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The store file, opened and read whole: its params, signal definitions and journal. A file that cannot be opened
 * or read is damaged: it is moved aside (never deleted) and the newest version of it that reads whole becomes the
 * store, or an empty file when none does.
 */
final class StoreFile {
    static final String PARAMS = "params";
    static final String SIGNALS = "signals";
    static final String JOURNAL = "journal";
    static final String META = "clasp";
    static final String FORMAT_KEY = "format";

    /** MVStore files are whole blocks; anything else was cut short. */
    private static final int BLOCK = 4096;
    /** How many older versions a recovery tries before it gives up. */
    private static final int RECOVERY_ATTEMPTS = 32;
    /**
     * How long chunks of replaced versions are kept before their space is reused: MVStore's default for files. Crash
     * recovery finds the newest chunk through the store header, which is rewritten only now and then; a chunk reused
     * sooner (2 s was tried) broke that chain under kill -9 and rolled the store back by several commits.
     */
    private static final int RETENTION_MILLIS = 45_000;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    final MVStore store;
    final MVMap<String, byte[]> params;
    final MVMap<String, byte[]> signals;
    final MVMap<Long, byte[]> journal;
    final List<ParamRecord> loadedParams;
    final List<AnnouncedSignal> loadedSignals;
    final long journalBytes;

    private StoreFile(MVStore store, MVMap<String, byte[]> params, MVMap<String, byte[]> signals,
                      MVMap<Long, byte[]> journal, List<ParamRecord> loadedParams,
                      List<AnnouncedSignal> loadedSignals, long journalBytes) {
        this.store = store;
        this.params = params;
        this.signals = signals;
        this.journal = journal;
        this.loadedParams = loadedParams;
        this.loadedSignals = loadedSignals;
        this.journalBytes = journalBytes;
    }

    /** What happened to a damaged file, for the log. */
    record Damage(String reason, Path keptAs, boolean recovered) { }

    /** The outcome of {@link #openOrRecover}: the open file, and the damage found, or null. */
    record Opened(StoreFile file, Damage damage) { }

    /**
     * Opens {@code file} (creating it and its folder when missing) and reads it whole. A damaged file is kept aside
     * and recovered as far as it can be. A file locked by another process or written by a newer format is not
     * damaged: that throws, and the file is left alone.
     */
    static Opened openOrRecover(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store folder " + file.getParent(), e);
        }
        String reason;
        try {
            if (Files.exists(file) && Files.size(file) % BLOCK != 0) {
                reason = "cut short: " + Files.size(file) + " bytes is not a whole number of " + BLOCK + "-byte blocks";
            } else {
                return new Opened(open(file, false), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store file " + file, e);
        } catch (CorruptRecordException e) {
            reason = "a record cannot be read: " + e.getMessage();
        } catch (NewerFormatException e) {
            throw e;
        } catch (MVStoreException e) {
            if (!damage(e)) throw e;
            reason = e.getMessage();
        } catch (RuntimeException e) {   // H2 reading garbage may fail in any way
            reason = e.toString();
        }
        Path keptAs = keepAside(file);
        boolean recovered = recover(keptAs, file);
        return new Opened(open(file, false), new Damage(reason, keptAs, recovered));
    }

    /** Whether opening or reading failed because of the file's content (not a lock, not a failing disk). */
    private static boolean damage(MVStoreException e) {
        int code = e.getErrorCode();
        return code != DataUtils.ERROR_FILE_LOCKED && code != DataUtils.ERROR_CLOSED
                && code != DataUtils.ERROR_WRITING_FAILED;
    }

    private static StoreFile open(Path file, boolean readOnly) {
        MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled();
        if (readOnly) builder.readOnly();
        MVStore store = builder.open();
        try {
            if (!readOnly) {
                store.getFileStore().setRetentionTime(RETENTION_MILLIS);
                // every chunk at the end of the file, so crash recovery finds the newest: with space reused, a kill -9
                // brought the store back two commits old now and then (StoreKillIT); housekeeping shrinks the file
                store.getFileStore().setReuseSpace(false);
            }
            if (readOnly && !store.hasMap(META)) {   // a recovered version from before anything was committed
                store.closeImmediately();
                throw new CorruptRecordException("no " + META + " map");
            }
            MVMap<String, String> meta = store.openMap(META);
            String format = meta.get(FORMAT_KEY);
            if (format != null && !format.equals(Integer.toString(RecordCodec.FORMAT))) {
                throw new NewerFormatException(file + " was written in store format " + format
                        + ", which this version does not read (it reads " + RecordCodec.FORMAT + ")");
            }
            if (format == null && !readOnly) meta.put(FORMAT_KEY, Integer.toString(RecordCodec.FORMAT));
            MVMap<String, byte[]> params = store.openMap(PARAMS, bytesBy(StringDataType.INSTANCE));
            MVMap<String, byte[]> signals = store.openMap(SIGNALS, bytesBy(StringDataType.INSTANCE));
            MVMap<Long, byte[]> journal = store.openMap(JOURNAL, bytesBy(LongDataType.INSTANCE));
            List<ParamRecord> loadedParams = new ArrayList<>(params.size());
            for (var c = params.cursor(null); c.hasNext(); ) {
                String address = c.next();
                loadedParams.add(RecordCodec.param(address, c.getValue()));
            }
            List<AnnouncedSignal> loadedSignals = new ArrayList<>();
            for (var c = signals.cursor(null); c.hasNext(); ) {
                String address = c.next();
                loadedSignals.add(RecordCodec.signal(address, c.getValue()));
            }
            long journalBytes = 0;
            for (var c = journal.cursor(null); c.hasNext(); ) {
                c.next();
                byte[] entry = c.getValue();
                In.leadingLong(entry);
                journalBytes += entry.length;
            }
            return new StoreFile(store, params, signals, journal, loadedParams, loadedSignals, journalBytes);
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw e;
        }
    }

    static <K> MVMap.Builder<K, byte[]> bytesBy(org.h2.mvstore.type.DataType<? super K> keyType) {
        return new MVMap.Builder<K, byte[]>().keyType(keyType).valueType(ByteArrayDataType.INSTANCE);
    }

    /** Moves the damaged file to {@code <file>.damaged-<yyyyMMdd-HHmmss>} (a suffix if that exists already). */
    private static Path keepAside(Path file) {
        String base = file.getFileName() + ".damaged-" + LocalDateTime.now().format(STAMP);
        for (int n = 0; ; n++) {
            Path target = file.resolveSibling(n == 0 ? base : base + "-" + n);
            try {
                return Files.move(file, target);
            } catch (FileAlreadyExistsException e) {
                // try the next suffix
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the damaged store file " + file + " aside", e);
            }
        }
    }

    /**
     * Writes into {@code file} the newest version of {@code damaged} that opens and reads whole: the damaged file
     * as it is, else rolled back version by version (MVStoreTool.rollback, on a copy). False: nothing was readable.
     */
    private static boolean recover(Path damaged, Path file) {
        Path work = file.resolveSibling(file.getFileName() + ".recovering");
        Path rolledBack = work.resolveSibling(work.getFileName() + ".temp");   // where MVStoreTool.rollback writes
        try {
            copyWholeBlocks(damaged, work);
            if (readsWhole(work)) {
                Files.move(work, file, StandardCopyOption.REPLACE_EXISTING);
                return true;
            }
            long target = Long.MAX_VALUE;
            for (int attempt = 0; attempt < RECOVERY_ATTEMPTS && target >= 0; attempt++) {
                copyWholeBlocks(damaged, work);
                long version;
                try {
                    version = MVStoreTool.rollback(work.toString(), target, new PrintWriter(Writer.nullWriter()));
                } catch (RuntimeException e) {
                    return false;
                }
                if (version < 0) return false;
                if (Files.exists(rolledBack) && readsWhole(rolledBack)) {
                    Files.move(rolledBack, file, StandardCopyOption.REPLACE_EXISTING);
                    return true;
                }
                target = version - 1;
            }
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(work);
                Files.deleteIfExists(rolledBack);
            } catch (IOException ignored) {
                // a leftover work file is overwritten by the next recovery
            }
        }
    }

    /** Copies {@code from} without a last, partly written block: a file cut short reads up to its last whole chunk. */
    private static void copyWholeBlocks(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(to);
        if (size % BLOCK != 0) {
            try (var channel = java.nio.channels.FileChannel.open(to, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(size - size % BLOCK);
            }
        }
    }

    private static boolean readsWhole(Path candidate) {
        try {
            if (Files.size(candidate) % BLOCK != 0) return false;
            open(candidate, true).store.closeImmediately();
            return true;
        } catch (NewerFormatException e) {
            return false;
        } catch (RuntimeException | IOException e) {
            return false;
        }
    }
}
