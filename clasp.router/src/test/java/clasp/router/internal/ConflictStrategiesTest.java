package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.message.AckMessage;
import clasp.api.message.BundleMessage;
import clasp.api.message.ErrorMessage;
import clasp.api.message.Message;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * §6.4 conflict strategies selected per address pattern in the configuration: what each accepts, the exact
 * ERROR 400 {@code ConflictRejected} of a rejected write, and the final state under concurrent writers (many rounds,
 * each on a fresh address, under a {@link Watchdog}).
 */
class ConflictStrategiesTest extends RouterTestSupport {
    private static final int ROUNDS = 20;
    private static final int WRITERS = 4;
    private static final int SETS_PER_WRITER = 100;

    private final Watchdog watchdog = new Watchdog();

    @BeforeEach void configure() {
        restart(TestSettings.defaults().conflictStrategies("/max/**=max", "/min/**=min", "/lock/**=lock"));
    }

    @AfterEach void stopWatchdog() { watchdog.close(); }

    private static SetMessage set(String address, Value v) { return new SetMessage(address, v); }

    private static AckMessage ack(String address, long revision) { return new AckMessage(address, revision, null, null, null); }

    private static ErrorMessage rejected(String address) { return new ErrorMessage(400, "ConflictRejected", address, null); }

    private static ErrorMessage lockHeld(String address, String holder) {
        return new ErrorMessage(400, "LockHeld { holder: \"" + holder + "\" }", address, null);
    }

    private TestClient subscriber(String pattern) {
        TestClient c = client();
        c.send(new SubscribeMessage(1, pattern));
        c.take();
        return c;
    }

    @Test void maxStoresOnlyStrictlyGreaterNumbersAndRejectsTheRestWithConflictRejected() {
        TestClient sub = subscriber("/max/**");
        TestClient w = client();
        w.send(set("/max/level", Value.of(5L)));
        w.send(set("/max/level", Value.of(3L)));
        w.send(set("/max/level", Value.of(5L)));      // equal: not greater
        w.send(set("/max/level", Value.of(7.5)));     // a float above an int: compared by value
        w.send(set("/max/level", Value.of(7L)));
        w.send(set("/max/level", Value.of("off")));   // not a number: accepted
        w.send(set("/max/level", Value.of(1L)));      // over a non-number: accepted
        assertThat(w.take()).containsExactly(ack("/max/level", 1), rejected("/max/level"), rejected("/max/level"),
                ack("/max/level", 2), rejected("/max/level"), ack("/max/level", 3), ack("/max/level", 4));
        assertThat(sub.take()).containsExactly(new SetMessage("/max/level", Value.of(5L), 1L),
                new SetMessage("/max/level", Value.of(7.5), 2L), new SetMessage("/max/level", Value.of("off"), 3L),
                new SetMessage("/max/level", Value.of(1L), 4L));
        assertThat(router.param("/max/level").orElseThrow().value()).isEqualTo(Value.of(1L));
    }

    @Test void minStoresOnlyStrictlySmallerNumbers() {
        TestClient w = client();
        w.send(set("/min/t", Value.of(10L)));
        w.send(set("/min/t", Value.of(12L)));
        w.send(set("/min/t", Value.of(9.0)));
        assertThat(w.take()).containsExactly(ack("/min/t", 1), rejected("/min/t"), ack("/min/t", 2));
        assertThat(router.param("/min/t").orElseThrow().value()).isEqualTo(Value.of(9.0));
    }

    @Test void addressesNoRuleMatchesAreLastWriterWins() {
        TestClient w = client();
        w.send(set("/other", Value.of(10L)));
        w.send(set("/other", Value.of(1L)));
        assertThat(w.take()).containsExactly(ack("/other", 1), ack("/other", 2));
    }

    @Test void underLockTheFirstWriterHoldsTheParamUntilItUnlocksOrGoes() {
        TestClient a = client();
        TestClient b = client();
        a.send(set("/lock/owner", Value.of(1L)));                 // no lock flag: the strategy takes it
        b.send(set("/lock/owner", Value.of(2L)));
        a.send(set("/lock/owner", Value.of(3L)));
        a.send(new SetMessage("/lock/owner", Value.of(4L), null, false, true, null));   // unlock: written and released
        b.send(set("/lock/owner", Value.of(5L)));                 // b takes it now
        a.send(set("/lock/owner", Value.of(6L)));
        assertThat(a.take()).containsExactly(ack("/lock/owner", 1), ack("/lock/owner", 2), ack("/lock/owner", 3),
                lockHeld("/lock/owner", b.session));
        assertThat(b.take()).containsExactly(lockHeld("/lock/owner", a.session), ack("/lock/owner", 4));
        b.disconnect();                                           // D7: its hold goes with it
        a.send(set("/lock/owner", Value.of(7L)));
        assertThat(a.take()).containsExactly(ack("/lock/owner", 5));
        assertThat(router.param("/lock/owner").orElseThrow().lockHolder()).isEqualTo(a.session);
        a.send(new SetMessage("/lock/free", Value.of(1L), null, false, true, null));   // created with unlock: not held
        assertThat(router.param("/lock/free").orElseThrow().lockHolder()).isNull();
        TestClient c = client();
        c.send(set("/lock/free", Value.of(2L)));
        assertThat(router.param("/lock/free").orElseThrow().lockHolder()).isEqualTo(c.session);
    }

    @Test void aBundleWithARejectedSetIsRejectedWholeAndAppliesNothing() {
        TestClient w = client();
        w.send(set("/max/a", Value.of(10L)));
        w.send(new BundleMessage(null, List.of(set("/max/b", Value.of(1L)), set("/max/a", Value.of(2L)))));
        assertThat(w.take()).containsExactly(ack("/max/a", 1),
                new ErrorMessage(400, "Bundle rejected: ConflictRejected", "/max/a", null));
        assertThat(router.param("/max/b")).isEmpty();
    }

    @Test void aChangedConfigurationAppliesToTheNextWrite() {
        TestClient w = client();
        w.send(set("/max/x", Value.of(5L)));
        router.reconfigure(TestSettings.defaults().conflictStrategies("/max/**=min").build());
        w.send(set("/max/x", Value.of(9L)));
        w.send(set("/max/x", Value.of(2L)));
        assertThat(w.take()).containsExactly(ack("/max/x", 1), rejected("/max/x"), ack("/max/x", 2));
    }

    // ---- concurrent writers: each round a fresh address, WRITERS sessions on their own threads

    /** What one writer sent and what it got back. */
    private record Writer(TestClient client, List<Long> written) { }

    private List<Writer> race(String address, long seed) throws Exception {
        List<Writer> writers = new ArrayList<>();
        List<Callable<?>> tasks = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            Writer w = new Writer(client(), new ArrayList<>());
            Random random = new Random(seed * 31 + t);
            for (int i = 0; i < SETS_PER_WRITER; i++) w.written.add((long) random.nextInt(1_000_000));
            writers.add(w);
            tasks.add(() -> {
                for (long v : w.written) w.client.send(set(address, Value.of(v)));
                return null;
            });
        }
        watchdog.round(tasks);
        return writers;
    }

    private static List<Long> values(List<Message> sets) {
        return sets.stream().map(m -> ((SetMessage) m).value()).map(v -> ((clasp.api.IntValue) v).value()).toList();
    }

    /** Every write was answered by an ACK or by exactly ConflictRejected; returns how many were acked. */
    private static int acksOrRejections(List<Writer> writers, String address) {
        int acked = 0;
        for (Writer w : writers) {
            List<Message> replies = w.client.take();
            assertThat(replies).hasSize(SETS_PER_WRITER);
            for (Message m : replies) {
                if (m instanceof AckMessage a) {
                    assertThat(a.address()).isEqualTo(address);
                    acked++;
                } else {
                    assertThat(m).isEqualTo(rejected(address));
                }
            }
        }
        return acked;
    }

    @Test void underMaxConcurrentWritersEndOnTheGreatestValueWrittenAndSubscribersSeeItRiseStrictly() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/max/race" + round;
            TestClient sub = subscriber(address);
            List<Writer> writers = race(address, round);
            long greatest = writers.stream().flatMap(w -> w.written.stream()).mapToLong(Long::longValue).max().orElseThrow();
            List<Long> seen = values(sub.take());
            assertThat(seen).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates().endsWith(greatest);
            assertThat(acksOrRejections(writers, address)).isEqualTo(seen.size());
            assertThat(router.param(address).orElseThrow().value()).isEqualTo(Value.of(greatest));
            assertThat(router.param(address).orElseThrow().revision()).isEqualTo(seen.size());
        }
    }

    @Test void underMinConcurrentWritersEndOnTheSmallestValueWrittenAndSubscribersSeeItFallStrictly() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/min/race" + round;
            TestClient sub = subscriber(address);
            List<Writer> writers = race(address, 1000 + round);
            long smallest = writers.stream().flatMap(w -> w.written.stream()).mapToLong(Long::longValue).min().orElseThrow();
            List<Long> seen = values(sub.take());
            assertThat(seen).isSortedAccordingTo((x, y) -> Long.compare(y, x)).doesNotHaveDuplicates().endsWith(smallest);
            assertThat(acksOrRejections(writers, address)).isEqualTo(seen.size());
            assertThat(router.param(address).orElseThrow().value()).isEqualTo(Value.of(smallest));
        }
    }

    @Test void underLwwConcurrentWritersAreAllAcceptedAndTheLastAppliedIsStored() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/lww/race" + round;
            TestClient sub = subscriber(address);
            List<Writer> writers = race(address, 2000 + round);
            List<Message> seen = sub.take();
            assertThat(seen).hasSize(WRITERS * SETS_PER_WRITER);
            assertThat(acksOrRejections(writers, address)).isEqualTo(WRITERS * SETS_PER_WRITER);
            SetMessage last = (SetMessage) seen.get(seen.size() - 1);
            assertThat(last.revision()).isEqualTo(WRITERS * SETS_PER_WRITER);
            assertThat(router.param(address).orElseThrow().value()).isEqualTo(last.value());
        }
    }

    @Test void underLockExactlyOneOfTheConcurrentWritersWinsAndEveryOtherWriteIsRefusedNamingIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/lock/race" + round;
            TestClient sub = subscriber(address);
            List<Writer> writers = race(address, 3000 + round);
            List<List<Message>> replies = new ArrayList<>();
            for (Writer w : writers) replies.add(w.client.take());
            List<Writer> winners = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) if (replies.get(t).get(0) instanceof AckMessage) winners.add(writers.get(t));
            assertThat(winners).hasSize(1);
            Writer winner = winners.get(0);
            for (int t = 0; t < WRITERS; t++) {
                List<Message> expected = new ArrayList<>();
                for (int i = 0; i < SETS_PER_WRITER; i++) {
                    expected.add(writers.get(t) == winner ? ack(address, i + 1) : lockHeld(address, winner.client.session));
                }
                assertThat(replies.get(t)).isEqualTo(expected);
            }
            assertThat(values(sub.take())).isEqualTo(winner.written);
            assertThat(router.param(address).orElseThrow().lockHolder()).isEqualTo(winner.client.session);
            for (Writer w : writers) w.client.disconnect();
            assertThat(router.param(address).orElseThrow().lockHolder()).isNull();
        }
    }
}
