package clasp.store.mvstore.internal;

import static clasp.store.mvstore.internal.Stores.neverOnItsOwn;
import static clasp.store.mvstore.internal.Stores.record;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.api.Value;
import clasp.api.message.SetMessage;
import clasp.api.store.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class DamagedFileTest {
    @TempDir Path dir;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("clasp.store.mvstore");

    @BeforeEach void capture() { log.start(); logger.addAppender(log); }
    @AfterEach void release() { logger.detachAppender(log); }

    private Path file() { return dir.resolve(StoreSettings.FILE_NAME); }

    /**
     * A store of 100 params under /a (and one journal entry) committed first, then 100 under /b, closed; returns the
     * file as it was after the first commit and, in {@code running.mv.db}, as it was after the second, before the
     * close (which compacts the file).
     */
    private byte[] twoVersions() throws IOException {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            for (int i = 0; i < 100; i++) store.compareAndSet(null, record("/a/" + i, i, 1, "w"));
            store.journal().append(new JournalEntry(StoreSettings.systemMicros(), "w", new SetMessage("/a/0", Value.of(0), 1L)));
            store.backup(dir.resolve("first.mv.db"));
            for (int i = 0; i < 100; i++) store.compareAndSet(null, record("/b/" + i, i, 1, "w"));
            store.backup(dir.resolve("running.mv.db"));
        }
        byte[] first = Files.readAllBytes(dir.resolve("first.mv.db"));
        Files.delete(dir.resolve("first.mv.db"));
        return first;
    }

    private List<Path> keptAside() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(StoreSettings.FILE_NAME + ".damaged-")).toList();
        }
    }

    private String warning() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .findFirst().orElseThrow();
    }

    @Test
    void garbageInTheNewestVersionRecoversTheOneBefore() throws IOException {
        byte[] first = twoVersions();
        Files.delete(dir.resolve("running.mv.db"));
        byte[] last = Files.readAllBytes(file());
        int changed = 8192;   // past the two file headers: the first byte the second commit wrote
        while (changed < first.length && first[changed] == last[changed]) changed++;
        byte[] damaged = last.clone();
        Arrays.fill(damaged, changed + 300, Math.min(damaged.length, changed + 700), (byte) 0x5A);
        Files.write(file(), damaged);

        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.size()).isEqualTo(100);
            assertThat(store.get("/a/99")).isEqualTo(record("/a/99", 99, 1, "w"));
            assertThat(store.get("/b/0")).isNull();
            List<Path> aside = keptAside();
            assertThat(aside).hasSize(1);
            assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(damaged);
            assertThat(aside.get(0).getFileName().toString()).matches("clasp\\.mv\\.db\\.damaged-\\d{8}-\\d{6}");
            assertThat(warning()).startsWith("clasp.store.mvstore: " + file() + " was damaged (")
                    .endsWith("); kept aside as " + aside.get(0) + "; recovered 100 params and 1 journal entries");
            store.compareAndSet(null, record("/c", 1, 1, "w"));   // the recovered file is the store from now on
        }
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.size()).isEqualTo(101);
        }
    }

    @Test
    void aFileCutShortIsKeptAsideAndItsLastWholeVersionRecovered() throws IOException {
        twoVersions();
        byte[] whole = Files.readAllBytes(dir.resolve("running.mv.db"));   // a crash while writing the second commit
        Files.delete(dir.resolve("running.mv.db"));
        Files.write(file(), Arrays.copyOf(whole, whole.length - 1000));

        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.get("/a/0")).isEqualTo(record("/a/0", 0, 1, "w"));
            int recovered = store.size();
            assertThat(recovered).isEqualTo(100);
            assertThat(warning()).isEqualTo("clasp.store.mvstore: " + file() + " was damaged (cut short: "
                    + (whole.length - 1000) + " bytes is not a whole number of 4096-byte blocks); kept aside as "
                    + keptAside().get(0) + "; recovered " + recovered + " params and 1 journal entries");
        }
    }

    @Test
    void aFileOfGarbageStartsEmptyAndIsKept() throws IOException {
        byte[] garbage = new byte[8 * 4096];
        new Random(7).nextBytes(garbage);
        Files.write(file(), garbage);

        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.size()).isZero();
            assertThat(Files.readAllBytes(keptAside().get(0))).isEqualTo(garbage);
            assertThat(warning()).startsWith("clasp.store.mvstore: " + file() + " was damaged (")
                    .endsWith("); kept aside as " + keptAside().get(0) + "; started empty");
            store.compareAndSet(null, record("/fresh", 1, 1, "w"));
        }
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.get("/fresh")).isEqualTo(record("/fresh", 1, 1, "w"));
        }
        try (Stream<Path> files = Files.list(dir)) {   // no work files left behind
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(2).contains(StoreSettings.FILE_NAME);
        }
    }
}
