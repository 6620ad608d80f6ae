package clasp.security.internal.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.security.internal.token.PresharedTokens.Created;
import clasp.security.internal.token.PresharedTokens.Entry;
import clasp.security.internal.token.PresharedTokens.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresharedTokensTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(T0);

    @Test
    void createReturnsTheTextOnceAndKeepsOnlyItsHash() throws IOException {
        PresharedTokens tokens = new PresharedTokens(folder, clock);

        Created created = tokens.create("alice", List.of("read:/lights/**"), null);

        assertThat(created.token()).matches("cpsk_[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
        assertThat(created.id()).matches("[0-9a-f]{8}");
        assertThat(created.entry()).isEqualTo(new Entry(created.id(), "alice", List.of("read:/lights/**"), T0, null));
        String file = Files.readString(folder.resolve(PresharedTokens.FILE_NAME));
        assertThat(file).doesNotContain(created.token().substring(5)).contains("\"subject\" : \"alice\"");
        assertThat(created.toString()).doesNotContain(created.token());
    }

    @Test
    void lookupFindsValidUnknownForeignAndExpiredTokens() throws IOException {
        PresharedTokens tokens = new PresharedTokens(folder, clock);
        Created forever = tokens.create("alice", List.of("admin:/**"), null);
        Created brief = tokens.create("bob", List.of("read:/a"), T0.plusSeconds(60));

        assertThat(tokens.lookup(forever.token())).isEqualTo(new PresharedTokens.Lookup(Outcome.VALID,
                forever.entry()));
        assertThat(tokens.lookup("cpsk_00000000000000000000000000000000").outcome()).isEqualTo(Outcome.NOT_FOUND);
        assertThat(tokens.lookup("secret").outcome()).isEqualTo(Outcome.NOT_MINE);
        clock.now = T0.plusSeconds(60);
        assertThat(tokens.lookup(brief.token()).outcome()).isEqualTo(Outcome.VALID);
        clock.now = T0.plusSeconds(61);
        PresharedTokens.Lookup expired = tokens.lookup(brief.token());
        assertThat(expired).isEqualTo(new PresharedTokens.Lookup(Outcome.EXPIRED, brief.entry()));
        assertThat(tokens.lookup(forever.token()).outcome()).isEqualTo(Outcome.VALID);
    }

    @Test
    void refusalsCarryTheRouterTexts() {
        assertThat(new PresharedTokens.Lookup(Outcome.NOT_FOUND, null).errorMessage())
                .isEqualTo("Invalid token: token not found");
        assertThat(new PresharedTokens.Lookup(Outcome.NOT_FOUND, null).errorCode()).isEqualTo(300);
        assertThat(new PresharedTokens.Lookup(Outcome.EXPIRED, null).errorMessage()).isEqualTo("Token has expired");
        assertThat(new PresharedTokens.Lookup(Outcome.EXPIRED, null).errorCode()).isEqualTo(302);
        assertThat(new PresharedTokens.Lookup(Outcome.NOT_MINE, null).errorMessage())
                .isEqualTo("Unrecognized token format");
        assertThat(new PresharedTokens.Lookup(Outcome.VALID, null).errorMessage()).isNull();
    }

    @Test
    void listShowsEntriesOldestFirstAndRevokeRemovesByIdOrSubject() throws IOException {
        PresharedTokens tokens = new PresharedTokens(folder, clock);
        Created a1 = tokens.create("alice", List.of("read:/a"), null);
        clock.now = T0.plusSeconds(1);
        Created b = tokens.create("bob", List.of("read:/b"), null);
        clock.now = T0.plusSeconds(2);
        Created a2 = tokens.create("alice", List.of("read:/c"), null);

        assertThat(tokens.list()).containsExactly(a1.entry(), b.entry(), a2.entry());
        assertThat(tokens.revoke(b.id())).containsExactly(b.entry());
        assertThat(tokens.revoke("alice")).containsExactlyInAnyOrder(a1.entry(), a2.entry());
        assertThat(tokens.revoke("nobody")).isEmpty();
        assertThat(tokens.list()).isEmpty();
        assertThat(tokens.lookup(a1.token()).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void registerTakesAChosenTextWithThePrefixOnce() throws IOException {
        PresharedTokens tokens = new PresharedTokens(folder, clock);

        Created admin = tokens.register("cpsk_bootstrap-admin", "admin", List.of("admin:/**"), null);

        assertThat(admin.token()).isEqualTo("cpsk_bootstrap-admin");
        assertThat(tokens.lookup("cpsk_bootstrap-admin").entry()).isEqualTo(admin.entry());
        assertThatThrownBy(() -> tokens.register("cpsk_bootstrap-admin", "x", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this token is registered already (id " + admin.id() + ")");
        assertThatThrownBy(() -> tokens.register("bootstrap", "x", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pre-shared token is cpsk_ followed by its secret");
        assertThatThrownBy(() -> tokens.register("cpsk_", "x", List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensPersistAcrossInstances() throws IOException {
        PresharedTokens first = new PresharedTokens(folder, clock);
        Created kept = first.create("alice", List.of("write:/x|range=0..1"), T0.plusSeconds(3600));
        Created revoked = first.create("bob", List.of(), null);
        first.revoke(revoked.id());

        PresharedTokens second = new PresharedTokens(folder, clock);

        assertThat(second.list()).containsExactly(kept.entry());
        assertThat(second.lookup(kept.token()).entry()).isEqualTo(kept.entry());
        assertThat(second.lookup(revoked.token()).outcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void theFileIsOwnerOnlyAndNoTemporaryFileRemains() throws IOException {
        new PresharedTokens(folder, clock).create("alice", List.of("read:/a"), null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(
                PresharedTokens.FILE_NAME)))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly(PresharedTokens.FILE_NAME);
        }
    }

    @Test
    void aCorruptFileIsMovedAsideAndReported() throws IOException {
        Path file = folder.resolve(PresharedTokens.FILE_NAME);
        Files.writeString(file, "{\"version\": 1, \"tokens\": [", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new PresharedTokens(folder, clock)).isInstanceOf(CorruptTokenFileException.class)
                .hasMessageStartingWith("the pre-shared token file " + file + " is not a valid token list (")
                .hasMessageContaining("it has been moved to "
                        + folder.resolve(PresharedTokens.FILE_NAME + ".corrupt-"));
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> aside = files.toList();
            assertThat(aside).hasSize(1);
            assertThat(aside.get(0).getFileName().toString()).startsWith(PresharedTokens.FILE_NAME + ".corrupt-");
            assertThat(Files.readString(aside.get(0))).isEqualTo("{\"version\": 1, \"tokens\": [");
        }
    }

    @Test
    void aWellFormedFileWithBadEntriesIsCorruptToo() throws IOException {
        Files.writeString(folder.resolve(PresharedTokens.FILE_NAME),
                "{\"version\": 1, \"tokens\": [{\"id\": \"x\", \"hash\": \"nothex\"}]}");

        assertThatThrownBy(() -> new PresharedTokens(folder, clock)).isInstanceOf(CorruptTokenFileException.class)
                .hasMessageContaining("(a hash is not 64 lowercase hex digits)");
    }

    @Test
    void concurrentCreatesAndLookupsLoseNothing() throws Exception {
        PresharedTokens tokens = new PresharedTokens(folder, clock);
        Created probe = tokens.create("probe", List.of("read:/p"), null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger lookupsValid = new AtomicInteger();
        List<Created> created = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < 40; i++) {
                int n = i;
                pool.execute(() -> {
                    try {
                        created.add(tokens.create("user" + n, List.of("read:/u/" + n), null));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                pool.execute(() -> {
                    if (tokens.lookup(probe.token()).outcome() == Outcome.VALID) {
                        lookupsValid.incrementAndGet();
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> created.size() == 40 && lookupsValid.get() == 40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(tokens.list()).hasSize(41);
        PresharedTokens reread = new PresharedTokens(folder, clock);
        for (Created c : created) {
            assertThat(reread.lookup(c.token()).entry()).isEqualTo(c.entry());
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
