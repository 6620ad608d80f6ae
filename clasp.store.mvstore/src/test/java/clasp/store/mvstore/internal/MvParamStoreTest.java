package clasp.store.mvstore.internal;

import static clasp.store.mvstore.internal.Stores.neverOnItsOwn;
import static clasp.store.mvstore.internal.Stores.paramsIn;
import static clasp.store.mvstore.internal.Stores.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.SignalDefinition;
import clasp.api.message.SignalMeta;
import clasp.api.message.Ttl;
import clasp.api.store.AnnouncedSignal;
import clasp.api.store.ParamRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class MvParamStoreTest {
    @TempDir Path dir;

    private Path file() { return dir.resolve("store").resolve(StoreSettings.FILE_NAME); }

    @Test
    void compareAndSetComparesRevisionAndWriter() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            ParamRecord one = record("/a", 1, 1, "s-1");
            assertThat(store.compareAndSet(null, one)).isTrue();
            assertThat(store.compareAndSet(null, record("/a", 9, 1, "s-2"))).isFalse();   // exists already
            assertThat(store.compareAndSet(record("/a", 1, 1, "s-2"), record("/a", 2, 2, "s-2"))).isFalse();   // other writer
            assertThat(store.compareAndSet(record("/a", 1, 2, "s-1"), record("/a", 2, 2, "s-2"))).isFalse();   // other revision
            ParamRecord two = record("/a", 2, 2, "s-2");
            assertThat(store.compareAndSet(record("/a", 77, 1, "s-1"), two)).isTrue();   // the value is not compared
            assertThat(store.get("/a")).isEqualTo(two);
            assertThat(store.compareAndSet(one, null)).isFalse();
            assertThat(store.compareAndSet(two, null)).isTrue();
            assertThat(store.get("/a")).isNull();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void scanGivesTheRecordsUnderAPrefix() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            for (String a : List.of("/mixer/1", "/mixer/2", "/lights/1")) store.compareAndSet(null, record(a, 1, 1, "w"));
            List<String> seen = new ArrayList<>();
            store.scan("/mixer/", r -> seen.add(r.address()));
            assertThat(seen).containsExactlyInAnyOrder("/mixer/1", "/mixer/2");
            assertThat(store.size()).isEqualTo(3);
            assertThat(store.persistent()).isTrue();
            assertThat(store.durable()).isFalse();
            assertThat(store.describe()).isEqualTo("H2 MVStore " + file() + ", committed every 600000 ms");
        }
    }

    @Test
    void aRestartKeepsParamsAndSignalsAndReleasesLocks() {
        ParamRecord locked = new ParamRecord("/stage/door", Value.of("open"), 17, "s-4", 1_700_000_000_000_001L, "s-4", new Ttl(60, false));
        ParamRecord plain = new ParamRecord("/stage/light", Value.of(0.5), 3, "s-5", 1_700_000_000_000_002L, null, null);
        AnnouncedSignal fader = new AnnouncedSignal(new SignalDefinition("/fader", SignalType.PARAM, "f32", "rw",
                new SignalMeta("dB", -60.0, 12.0, Value.of(0.0), "master")), 1_700_000_000_000_000L);
        AnnouncedSignal gone = new AnnouncedSignal(new SignalDefinition("/old", SignalType.EVENT), 1);
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            store.compareAndSet(null, locked);
            store.compareAndSet(null, plain);
            store.compareAndSet(null, record("/removed", 1, 1, "w"));
            store.compareAndSet(record("/removed", 1, 1, "w"), null);
            store.announced(fader);
            store.announced(gone);
            store.forgotten("/old");
        }
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            assertThat(store.get("/stage/door")).isEqualTo(new ParamRecord("/stage/door", Value.of("open"), 17, "s-4",
                    1_700_000_000_000_001L, null, new Ttl(60, false)));
            assertThat(store.get("/stage/light")).isEqualTo(plain);
            assertThat(store.get("/removed")).isNull();
            assertThat(store.size()).isEqualTo(2);
            List<AnnouncedSignal> signals = new ArrayList<>();
            store.scanSignals(signals::add);
            assertThat(signals).containsExactly(fader);
        }
    }

    @Test
    void reopeningTheSameFileInOneJvmWorksEveryTime() {
        for (int i = 1; i <= 5; i++) {
            try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
                ParamRecord before = store.get("/count");
                assertThat(before == null ? 0 : ((clasp.api.IntValue) before.value()).value()).isEqualTo(i - 1);
                store.compareAndSet(before, record("/count", i, i, "w"));
            }
        }
    }

    @Test
    void aSecondStoreOnAnOpenFileFailsAndLeavesItAlone() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            store.compareAndSet(null, record("/a", 1, 1, "w"));
            assertThatThrownBy(() -> MvParamStore.open(neverOnItsOwn(file()))).isInstanceOf(RuntimeException.class);
            assertThat(dir.resolve("store").toFile().list()).containsExactly(StoreSettings.FILE_NAME);
            assertThat(store.get("/a")).isEqualTo(record("/a", 1, 1, "w"));
        }
    }

    @Test
    @Timeout(30)   // a watchdog: the commit is awaited without a bound below
    void theCommitThreadWritesWithoutBeingAskedAndIsGoneAfterClose() throws Exception {
        MvParamStore store = MvParamStore.open(StoreSettings.defaults(file()).withCommitInterval(20));
        Thread committer = store.commitThread();
        assertThat(committer.getName()).isEqualTo("clasp-store-commit");
        store.compareAndSet(null, record("/a", 1, 1, "w"));
        while (store.status().commits() == 0) Thread.sleep(5);
        Path copy = dir.resolve("copy.mv.db");
        Files.copy(file(), copy);   // what a crash right now would leave
        assertThat(paramsIn(copy)).containsExactly(record("/a", 1, 1, "w"));
        store.close();
        assertThat(committer.isAlive()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("clasp-store") || t.getName().startsWith("MVStore"));
    }

    @Test
    void beforeTheIntervalAWriteIsOnlyInMemoryAndACleanCloseWritesIt() throws Exception {
        MvParamStore store = MvParamStore.open(neverOnItsOwn(file()));
        store.compareAndSet(null, record("/committed", 1, 1, "w"));
        store.backup(dir.resolve("ignored.mv.db"));   // commits
        store.compareAndSet(null, record("/pending", 1, 1, "w"));
        Path crash = dir.resolve("crash.mv.db");
        Files.copy(file(), crash);   // a kill -9 now: the commit thread has not committed /pending yet
        assertThat(paramsIn(crash)).containsExactly(record("/committed", 1, 1, "w"));
        store.close();
        assertThat(paramsIn(file())).containsExactlyInAnyOrder(record("/committed", 1, 1, "w"), record("/pending", 1, 1, "w"));
    }

    @Test
    void aBackupIsAConsistentCopyThatOpensAsAStore() throws Exception {
        Path backup = dir.resolve("backups").resolve("show.mv.db");
        try (MvParamStore store = MvParamStore.open(StoreSettings.defaults(file()))) {
            for (int i = 0; i < 1000; i++) store.compareAndSet(null, record("/p/" + i, i, 1, "w"));
            long size = store.backup(backup);
            assertThat(size).isEqualTo(Files.size(backup));
            assertThatThrownBy(() -> store.backup(file())).hasMessageContaining("cannot be the store file itself");
        }
        try (MvParamStore copy = MvParamStore.open(StoreSettings.defaults(backup))) {
            assertThat(copy.size()).isEqualTo(1000);
            assertThat(copy.get("/p/999")).isEqualTo(record("/p/999", 999, 1, "w"));
        }
    }

    @Test
    void statusShowsTheFileCommitsAndJournal() throws Exception {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            store.compareAndSet(null, record("/a", 1, 1, "w"));
            store.backup(dir.resolve("b.mv.db"));
            StoreStatus s = store.status();
            assertThat(s.commits()).isEqualTo(1);
            assertThat(s.lastCommit()).isNotNull();
            assertThat(s.fileBytes()).isEqualTo(Files.size(file()));
            String text = StoreCommands.format(s);
            assertThat(text).startsWith("store:        H2 MVStore " + file() + ", committed every 600000 ms\nfile:         "
                    + file().toAbsolutePath() + ", ");
            assertThat(text).contains(", 1 commits\n").endsWith("journal:      0 entries, 0 B, bounds 100000 / 64 MiB / 1 h, 0 dropped\n");
        }
    }

    @Test
    void loadsAHundredThousandParams() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            for (int i = 0; i < 100_000; i++) {
                store.compareAndSet(null, new ParamRecord("/show/cue/" + i, Value.of(Map.of("level", Value.of(i * 0.5))),
                        i + 1, "s-" + (i % 7), 1_700_000_000_000_000L + i, null, null));
            }
        }
        long start = System.nanoTime();
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            System.out.printf("loaded %d params in %d ms%n", store.size(), (System.nanoTime() - start) / 1_000_000);
            assertThat(store.size()).isEqualTo(100_000);
            assertThat(store.get("/show/cue/99999").revision()).isEqualTo(100_000);
        }
    }

    @Test
    void compactingAfterManyReplacedVersionsKeepsEveryParamAndTheFileReadable() {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            ParamRecord[] last = new ParamRecord[50];
            for (int round = 1; round <= 40; round++) {
                for (int i = 0; i < last.length; i++) {
                    ParamRecord next = record("/c/" + i, round, round, "w");
                    assertThat(store.compareAndSet(last[i], next)).isTrue();
                    last[i] = next;
                }
                store.commit();
            }
            store.housekeepNow();   // under the test's -ea: MVStore's own assertions hold
            store.commit();
        }
        assertThat(Stores.paramsIn(file())).hasSize(50).allSatisfy(p -> assertThat(p.revision()).isEqualTo(40));
    }

    @Test
    void theFileIsShrunkOnceMostOfItIsReplacedVersions() throws Exception {
        try (MvParamStore store = MvParamStore.open(neverOnItsOwn(file()))) {
            ParamRecord[] last = new ParamRecord[200];
            for (int round = 1; round <= 400; round++) {
                for (int i = 0; i < last.length; i++) {
                    ParamRecord next = new ParamRecord("/s/" + i, Value.of("x".repeat(200) + round), round, "w", round, null, null);
                    store.compareAndSet(last[i], next);
                    last[i] = next;
                }
                store.commit();   // chunks are only appended: the file grows with every commit
            }
            long grown = Files.size(file());
            assertThat(grown).isGreaterThan(8L << 20);
            store.retention(0);   // as if the versions were 45 s old
            store.commit();
            store.housekeepNow();
            assertThat(Files.size(file())).isLessThan(grown / 2);
        }
        assertThat(Stores.paramsIn(file())).hasSize(200).allSatisfy(p -> assertThat(p.revision()).isEqualTo(400));
    }
}
