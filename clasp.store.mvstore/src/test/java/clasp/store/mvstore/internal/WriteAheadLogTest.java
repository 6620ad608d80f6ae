package clasp.store.mvstore.internal;

import static clasp.store.mvstore.internal.Stores.crashCopy;
import static clasp.store.mvstore.internal.Stores.neverOnItsOwn;
import static clasp.store.mvstore.internal.Stores.record;
import static clasp.store.mvstore.internal.Stores.unlocked;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.api.Value;
import clasp.api.store.ParamRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class WriteAheadLogTest {
    @TempDir Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("clasp.store.mvstore");

    @BeforeEach void capture() { log.start(); logger.addAppender(log); }
    @AfterEach void release() { logger.detachAppender(log); }

    private Path file() { return dir.resolve("live").resolve(StoreSettings.FILE_NAME); }

    private static StoreSettings durable(Path file) { return neverOnItsOwn(file).withDurable(true); }

    private List<String> infos() {
        return log.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("write-ahead log")).toList();
    }

    @Test
    void syncedWritesSurviveACrashWithoutAnyStoreCommit() throws IOException {
        ParamRecord locked = new ParamRecord("/b", Value.of("x"), 7, "s-b", 7_000_000L, "s-b", null);
        Path copy;
        try (MvParamStore store = MvParamStore.open(durable(file()))) {
            store.compareAndSet(null, record("/a", 1, 1, "s-a"));
            store.compareAndSet(store.get("/a"), record("/a", 2, 2, "s-a"));
            store.compareAndSet(null, locked);
            store.compareAndSet(null, record("/c", 3, 4, "s-c"));
            store.compareAndSet(store.get("/c"), null);
            store.sync();
            copy = crashCopy(store, dir.resolve("crash"));
            assertThat(store.status().commits()).isZero();
        }
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(copy))) {
            assertThat(reopened.get("/a")).isEqualTo(record("/a", 2, 2, "s-a"));
            assertThat(reopened.get("/b")).isEqualTo(unlocked(locked));
            assertThat(reopened.get("/c")).isNull();
            assertThat(reopened.size()).isEqualTo(2);
            // a default-mode store replays a durable run's log, commits it and deletes the log
            assertThat(copy.resolveSibling(WriteAheadLog.FILE_0)).doesNotExist();
            assertThat(copy.resolveSibling(WriteAheadLog.FILE_1)).doesNotExist();
        }
        assertThat(infos()).containsExactly("clasp.store.mvstore: replayed 5 writes from the write-ahead log");
        try (MvParamStore again = MvParamStore.open(neverOnItsOwn(copy))) {   // the replay was committed
            assertThat(again.get("/a")).isEqualTo(record("/a", 2, 2, "s-a"));
            assertThat(again.size()).isEqualTo(2);
        }
    }

    @Test
    void aTornTailIsIgnoredAndTheRecordsBeforeItApplied() throws IOException {
        Path copy;
        try (MvParamStore store = MvParamStore.open(durable(file()))) {
            for (int i = 1; i <= 3; i++) store.compareAndSet(null, record("/p/" + i, i, i, "w"));
            store.sync();
            copy = crashCopy(store, dir.resolve("crash"));
        }
        Path log0 = copy.resolveSibling(WriteAheadLog.FILE_0);
        byte[] whole = Files.readAllBytes(log0);
        Files.write(log0, new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 5, 6}, StandardOpenOption.APPEND);   // garbage after the last
        Path cut = dir.resolve("cut");
        Files.createDirectories(cut);
        Files.copy(copy, cut.resolve(copy.getFileName()));
        Files.write(cut.resolve(WriteAheadLog.FILE_0), java.util.Arrays.copyOf(whole, whole.length - 3));   // the last cut
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(copy))) {
            assertThat(reopened.size()).isEqualTo(3);
            assertThat(reopened.get("/p/3")).isEqualTo(record("/p/3", 3, 3, "w"));
        }
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(cut.resolve(copy.getFileName())))) {
            assertThat(reopened.get("/p/1")).isEqualTo(record("/p/1", 1, 1, "w"));
            assertThat(reopened.get("/p/2")).isEqualTo(record("/p/2", 2, 2, "w"));
            assertThat(reopened.get("/p/3")).isNull();
        }
        assertThat(infos()).containsExactly("clasp.store.mvstore: replayed 3 writes from the write-ahead log",
                "clasp.store.mvstore: replayed 2 writes from the write-ahead log");
    }

    @Test
    void aBadChecksumEndsTheFile() throws IOException {
        Path copy;
        try (MvParamStore store = MvParamStore.open(durable(file()))) {
            for (int i = 1; i <= 3; i++) store.compareAndSet(null, record("/p/" + i, i, i, "w"));
            store.sync();
            copy = crashCopy(store, dir.resolve("crash"));
        }
        Path log0 = copy.resolveSibling(WriteAheadLog.FILE_0);
        byte[] bytes = Files.readAllBytes(log0);
        int second = 8 + java.nio.ByteBuffer.wrap(bytes).getInt(0);   // where the second record starts
        bytes[second + 8 + 9] ^= 0x40;   // a bit of its payload flipped
        Files.write(log0, bytes);
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(copy))) {
            assertThat(reopened.get("/p/1")).isEqualTo(record("/p/1", 1, 1, "w"));
            assertThat(reopened.size()).isEqualTo(1);
        }
    }

    @Test
    void aTombstoneRemovesAndRecordsOlderThanTheFilesAreIgnored() throws IOException {
        Path stale = dir.resolve("stale");
        try (MvParamStore store = MvParamStore.open(durable(file()))) {
            store.compareAndSet(null, record("/x", 2, 2, "w"));
            store.compareAndSet(null, record("/back", 1, 1, "w"));
            store.compareAndSet(store.get("/back"), null);
            store.sync();
            crashCopy(store, stale);   // /x at 2, /back at 1 and its removal
            store.compareAndSet(null, record("/gone", 1, 1, "w"));
            store.compareAndSet(store.get("/x"), record("/x", 5, 5, "w"));
            store.compareAndSet(null, record("/back", 3, 3, "w"));
            store.commit();   // the file: /x at 5, /back at 3, /gone at 1
            store.compareAndSet(store.get("/gone"), null);
            store.sync();
            Path copy = crashCopy(store, dir.resolve("crash"));
            try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(copy))) {
                assertThat(reopened.get("/gone")).isNull();
                assertThat(reopened.get("/x")).isEqualTo(record("/x", 5, 5, "w"));
            }
        }
        Path older = dir.resolve("older");
        Files.createDirectories(older);
        Files.copy(file(), older.resolve(StoreSettings.FILE_NAME));   // closed: /x at 5, /back at 3, /gone removed
        Files.copy(stale.resolve(WriteAheadLog.FILE_0), older.resolve(WriteAheadLog.FILE_0));
        log.list.clear();
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(older.resolve(StoreSettings.FILE_NAME)))) {
            assertThat(reopened.get("/x")).isEqualTo(record("/x", 5, 5, "w"));
            assertThat(reopened.get("/back")).isEqualTo(record("/back", 3, 3, "w"));
            assertThat(reopened.get("/gone")).isNull();
        }
        assertThat(infos()).isEmpty();   // every record was older than the file's
    }

    @Test
    void syncsCommitNothingAndACloseLeavesNoLog() throws IOException {
        Path log0 = file().resolveSibling(WriteAheadLog.FILE_0);
        Path log1 = file().resolveSibling(WriteAheadLog.FILE_1);
        try (MvParamStore store = MvParamStore.open(durable(file()))) {
            ParamRecord previous = null;
            for (int i = 1; i <= 1000; i++) {
                ParamRecord next = record("/n", i, i, "w");
                assertThat(store.compareAndSet(previous, next)).isTrue();
                store.sync();
                previous = next;
            }
            assertThat(store.status().commits()).isZero();
            assertThat(Files.size(log0)).isPositive();
            assertThat(log1).isEmptyFile();
            store.commit();   // rotates: what follows goes to the other file, the covered one is emptied
            store.compareAndSet(previous, record("/n", 1001, 1001, "w"));
            store.sync();
            assertThat(log0).isEmptyFile();
            assertThat(Files.size(log1)).isPositive();
        }
        assertThat(log0).doesNotExist();
        assertThat(log1).doesNotExist();
        try (MvParamStore reopened = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(reopened.get("/n")).isEqualTo(record("/n", 1001, 1001, "w"));
        }
        assertThat(infos()).isEmpty();
    }

    @Test
    void aDefaultModeStoreWritesNoLog() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            store.compareAndSet(null, record("/a", 1, 1, "w"));
            assertThat(file().resolveSibling(WriteAheadLog.FILE_0)).doesNotExist();
            assertThat(file().resolveSibling(WriteAheadLog.FILE_1)).doesNotExist();
        }
    }
}
