package clasp.store.mvstore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.store.Journal;
import clasp.api.store.JournalEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalLogTest {
    @TempDir Path dir;
    private final Stores.Clock clock = new Stores.Clock();

    private StoreSettings settings(long maxEntries, long maxBytes, long maxAgeSeconds) {
        return Stores.neverOnItsOwn(dir.resolve(StoreSettings.FILE_NAME)).withClock(clock::now)
                .withJournal(true, maxEntries, maxBytes, maxAgeSeconds);
    }

    private JournalEntry set(String address, long revision) {
        return new JournalEntry(clock.now(), "s-1", new SetMessage(address, Value.of(revision), revision));
    }

    private static List<String> read(Journal journal, long from, long to) {
        List<String> out = new ArrayList<>();
        for (Iterator<JournalEntry> it = journal.read(from, to); it.hasNext(); ) {
            JournalEntry e = it.next();
            out.add(e.address() + "@" + (e.message() instanceof SetMessage s ? s.revision() : "pub"));
        }
        return out;
    }

    @Test
    void readsCommittedThenPendingEntriesOldestFirstWithinTheTimeRange() throws Exception {
        try (MvParamStore store = MvParamStore.open(settings(100, 1 << 20, 3600))) {
            Journal journal = store.journal();
            long start = clock.now();
            journal.append(set("/a", 1));
            clock.advanceSeconds(1);
            journal.append(new JournalEntry(clock.now(), "s-2", PublishMessage.event("/go", Value.of(true))));
            store.backup(dir.resolve("b.mv.db"));   // commits the first two
            clock.advanceSeconds(1);
            journal.append(set("/a", 2));   // pending: not committed
            clock.advanceSeconds(1);
            journal.append(set("/b", 1));
            assertThat(read(journal, 0, Long.MAX_VALUE)).containsExactly("/a@1", "/go@pub", "/a@2", "/b@1");
            assertThat(read(journal, start + 1_000_000, start + 2_000_000)).containsExactly("/go@pub", "/a@2");
            assertThat(read(journal, start + 10_000_000, Long.MAX_VALUE)).isEmpty();
            JournalEntry publish = journal.read(start + 1_000_000, start + 1_000_000).next();
            assertThat(publish).isEqualTo(new JournalEntry(start + 1_000_000, "s-2", PublishMessage.event("/go", Value.of(true))));
        }
        try (MvParamStore store = MvParamStore.open(settings(100, 1 << 20, 3600))) {
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@1", "/go@pub", "/a@2", "/b@1");
            store.journal().append(set("/c", 1));   // the sequence continues after the file's last entry
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@1", "/go@pub", "/a@2", "/b@1", "/c@1");
        }
    }

    @Test
    void aReadStartedBeforeACommitSeesEveryEntryOnce() throws Exception {
        try (MvParamStore store = MvParamStore.open(settings(1000, 1 << 20, 3600))) {
            for (int i = 1; i <= 10; i++) store.journal().append(set("/a", i));
            Iterator<JournalEntry> it = store.journal().read(0, Long.MAX_VALUE);
            List<Long> revisions = new ArrayList<>();
            revisions.add(((SetMessage) it.next().message()).revision());
            store.backup(dir.resolve("b.mv.db"));   // moves the rest into the file mid-read
            it.forEachRemaining(e -> revisions.add(((SetMessage) e.message()).revision()));
            assertThat(revisions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        }
    }

    @Test
    void theOldestEntriesGoPastTheEntryBound() throws Exception {
        try (MvParamStore store = MvParamStore.open(settings(3, 1 << 20, 3600))) {
            for (int i = 1; i <= 5; i++) store.journal().append(set("/a", i));
            store.backup(dir.resolve("b.mv.db"));
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@3", "/a@4", "/a@5");
            assertThat(store.journal().describe()).startsWith("3 entries, ").endsWith(", bounds 3 / 1 MiB / 1 h, 0 dropped");
        }
    }

    @Test
    void theOldestEntriesGoPastTheByteBound() throws Exception {
        int size = RecordCodec.journal(set("/a", 1)).length;
        try (MvParamStore store = MvParamStore.open(settings(100, 2L * size, 3600))) {
            for (int i = 1; i <= 4; i++) store.journal().append(set("/a", i));
            store.backup(dir.resolve("b.mv.db"));
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@3", "/a@4");
            assertThat(store.journal().describe()).isEqualTo("2 entries, " + 2 * size + " B, bounds 100 / " + 2 * size + " B / 1 h, 0 dropped");
            store.journal().append(new JournalEntry(clock.now(), "s", new SetMessage("/big", Value.of(new byte[4 * size]))));
            store.backup(dir.resolve("b.mv.db"));   // one entry larger than the bound is dropped, not kept
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@3", "/a@4");
            assertThat(store.journal().describe()).endsWith(", 1 dropped");
        }
    }

    @Test
    void entriesOlderThanTheAgeBoundAreNeitherReadNorKept() throws Exception {
        try (MvParamStore store = MvParamStore.open(settings(100, 1 << 20, 60))) {
            store.journal().append(set("/old", 1));
            clock.advanceSeconds(30);
            store.journal().append(set("/new", 1));
            store.backup(dir.resolve("b.mv.db"));
            clock.advanceSeconds(31);   // /old is 61 s old, /new 31 s
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/new@1");
            store.backup(dir.resolve("b.mv.db"));   // the commit trims it
            assertThat(store.journal().describe()).startsWith("1 entries, ");
        }
    }

    @Test
    void appendsBeyondTwiceTheEntryBoundPendingAreDroppedAndCounted() {
        try (MvParamStore store = MvParamStore.open(settings(2, 1 << 20, 3600))) {
            for (int i = 1; i <= 6; i++) store.journal().append(set("/a", i));
            assertThat(read(store.journal(), 0, Long.MAX_VALUE)).containsExactly("/a@1", "/a@2", "/a@3", "/a@4");
            assertThat(store.journal().describe()).isEqualTo("4 entries, 0 B, bounds 2 / 1 MiB / 1 h, 2 dropped");
        }
    }

    @Test
    void noJournalWhenItIsOff() {
        StoreSettings off = Stores.neverOnItsOwn(dir.resolve(StoreSettings.FILE_NAME)).withJournal(false, 1, 1, 1);
        try (MvParamStore store = MvParamStore.open(off)) {
            assertThat(store.journal()).isNull();
            assertThat(StoreCommands.format(store.status())).endsWith("journal:      off\n");
        }
    }
}
