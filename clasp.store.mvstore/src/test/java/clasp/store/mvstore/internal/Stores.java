package clasp.store.mvstore.internal;

import clasp.api.Value;
import clasp.api.store.ParamRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/** Helpers for the store tests. */
final class Stores {
    private Stores() { }

    /**
     * Settings whose interval is long enough that only a close, a sync or a backup commits during a test, with the
     * journal on.
     */
    static StoreSettings neverOnItsOwn(Path file) {
        return StoreSettings.defaults(file).withJournal(true).withCommitInterval(600_000);
    }

    static ParamRecord record(String address, long value, long revision, String writer) {
        return new ParamRecord(address, Value.of(value), revision, writer, 1_000_000L * revision, null, null);
    }

    /** The params of a store file (a copy of the live one, say) as a fresh reader of it sees them. */
    static List<ParamRecord> paramsIn(Path file) {
        List<ParamRecord> out = new ArrayList<>();
        try (MVStore s = new MVStore.Builder().fileName(file.toString()).readOnly().open()) {
            if (!s.hasMap(StoreFile.PARAMS)) return out;
            MVMap<String, byte[]> m = s.openMap(StoreFile.PARAMS, StoreFile.bytesBy(StringDataType.INSTANCE));
            m.forEach((k, v) -> out.add(RecordCodec.param(k, v)));
        }
        return out;
    }

    /**
     * Copies the store file and both write-ahead log files of an open store into {@code folder} (created), with its
     * commit thread held off: what a crash at this point leaves on disk. Returns the copy of the store file.
     */
    static Path crashCopy(MvParamStore store, Path folder) {
        Path file = store.settings().file();
        Path copy = folder.resolve(file.getFileName());
        store.whileNotCommitting(() -> {
            try {
                Files.createDirectories(folder);
                for (String name : new String[] {WriteAheadLog.FILE_0, WriteAheadLog.FILE_1}) {
                    Path log = file.resolveSibling(name);
                    if (Files.exists(log)) Files.copy(log, folder.resolve(name));
                }
                Files.copy(file, copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return copy;
    }

    /** A record as a store reopened after a restart has it: without its lock. */
    static ParamRecord unlocked(ParamRecord r) {
        return new ParamRecord(r.address(), r.value(), r.revision(), r.writer(), r.timestamp(), null, r.ttl());
    }

    /** A clock for the journal's age bound that a test moves. */
    static final class Clock {
        final AtomicLong micros = new AtomicLong(1_000_000_000_000L);

        long now() { return micros.get(); }
        void advanceSeconds(long s) { micros.addAndGet(s * 1_000_000L); }
    }
}
