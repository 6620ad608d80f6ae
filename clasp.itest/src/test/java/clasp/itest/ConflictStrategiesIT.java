package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import clasp.api.IntValue;
import clasp.api.Value;
import clasp.api.message.ErrorMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Conflict strategies configured in the runtime's clasp.router.cfg (typed array syntax) and decided under concurrent
 * writers over real WebSocket connections: three clients write one address at once, many rounds, each on a fresh
 * address; a round that stalls fails with a thread dump.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConflictStrategiesIT {
    private static final String NAME = "Conflict Strategies IT Router";
    private static final int ROUNDS = 25;
    private static final int WRITERS = 3;
    private static final int SETS_PER_WRITER = 40;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private Router router;

    private final List<ClaspClient> opened = new ArrayList<>();
    private URI uri;

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("conflicts").resolve("etc");
        RuntimeProcess.quietListener(etc);
        // An array needs fileinstall's typed syntax, and then every value in the file typed.
        Files.writeString(etc.resolve("clasp.router.cfg"), "name = \"" + NAME + "\"\n"
                + "conflictStrategies = [ \"/it/max/**=max\", \"/it/lock/**=lock\" ]\n");
        return Provisioning.runtime(etc);
    }

    @Before
    public void configured() {
        uri = URI.create("ws://127.0.0.1:" + Listeners.awaitConfiguredRouter(router, NAME) + "/");
    }

    @After
    public void closeAll() {
        opened.forEach(ClaspClient::close);
    }

    private ClaspClient connect(String name) throws Exception {
        ClaspClient c = ClaspClient.connect(uri, name);
        opened.add(c);
        return c;
    }

    /** Each writer sends its values to {@code address} on its own thread, all at once; then each syncs. */
    private static void race(int round, List<ClaspClient> writers, List<List<Long>> values, String address) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers.size(); t++) {
            ClaspClient w = writers.get(t);
            List<Long> mine = values.get(t);
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    for (long v : mine) w.send(new SetMessage(address, Value.of(v)));
                    w.sync();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "conflict-writer-" + t);
            thread.start();
            threads.add(thread);
        }
        go.countDown();
        for (Thread thread : threads) {
            thread.join(WAIT.toMillis());
            if (thread.isAlive()) throw new AssertionError("round " + round + ": " + thread.getName() + " stalled\n" + Eventually.threadDump());
        }
        if (failure.get() != null) throw new AssertionError("round " + round + ": a writer failed", failure.get());
    }

    private static List<List<Long>> values(long seed) {
        Random random = new Random(seed);
        List<List<Long>> out = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < SETS_PER_WRITER; i++) mine.add((long) random.nextInt(1_000_000));
            out.add(mine);
        }
        return out;
    }

    private static List<ErrorMessage> errorsFor(ClaspClient c, String address) {
        return c.errors().stream().filter(e -> address.equals(e.address())).toList();
    }

    @Test
    public void underMaxTheGreatestValueWrittenWinsAndEveryOtherWriteIsConflictRejected() throws Exception {
        List<ClaspClient> writers = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) writers.add(connect("max-writer-" + t));
        ClaspClient reader = connect("max-reader");
        reader.subscribe(1, "/it/max/**");
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/it/max/r" + round;
            List<List<Long>> values = values(round);
            race(round, writers, values, address);
            long greatest = values.stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElseThrow();
            ParamState stored = router.param(address).orElseThrow();
            assertEquals("round " + round + ": stored value", Value.of(greatest), stored.value());
            int acked = 0;
            for (ClaspClient w : writers) {
                acked += w.ackedRevisions(address).size();
                for (ErrorMessage e : errorsFor(w, address)) {
                    assertEquals("round " + round, new ErrorMessage(400, "ConflictRejected", address, null), e);
                }
                assertEquals("round " + round + ": every write answered", SETS_PER_WRITER,
                        w.ackedRevisions(address).size() + errorsFor(w, address).size());
            }
            assertEquals("round " + round + ": one revision per accepted write", acked, stored.revision());
            List<Long> seen = Eventually.watched("round " + round + ": the reader got " + greatest, WAIT,
                    () -> reader.sets(address).stream().map(s -> ((IntValue) s.value()).value()).toList(),
                    s -> s.contains(greatest));
            for (int i = 1; i < seen.size(); i++) {
                assertTrue("round " + round + ": the value rises strictly: " + seen, seen.get(i) > seen.get(i - 1));
            }
            assertEquals("round " + round + ": the reader ends on the greatest", greatest, (long) seen.get(seen.size() - 1));
        }
    }

    @Test
    public void underLockOneWriterOwnsTheAddressAndEveryOtherWriteIsRefusedNamingIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String address = "/it/lock/r" + round;
            List<ClaspClient> writers = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) writers.add(connect("lock-writer-" + round + "-" + t));
            List<List<Long>> values = values(1000 + round);
            race(round, writers, values, address);
            String holder = router.param(address).orElseThrow().lockHolder();
            int winners = 0;
            for (int t = 0; t < WRITERS; t++) {
                ClaspClient w = writers.get(t);
                if (w.session().equals(holder)) {
                    winners++;
                    assertEquals("round " + round + ": the owner's writes are all applied", SETS_PER_WRITER, w.ackedRevisions(address).size());
                    assertEquals("round " + round + ": the owner's last value is stored", Value.of(values.get(t).get(SETS_PER_WRITER - 1)),
                            router.param(address).orElseThrow().value());
                } else {
                    assertEquals("round " + round + ": no write of another applied", 0, w.ackedRevisions(address).size());
                    List<ErrorMessage> errors = errorsFor(w, address);
                    assertEquals("round " + round + ": each refused", SETS_PER_WRITER, errors.size());
                    for (ErrorMessage e : errors) {
                        assertEquals("round " + round, new ErrorMessage(400, "LockHeld { holder: \"" + holder + "\" }", address, null), e);
                    }
                }
            }
            assertEquals("round " + round + ": exactly one owner", 1, winners);
            for (ClaspClient w : writers) w.close();
            Eventually.until("round " + round + ": the owner's lock released when it disconnected", WAIT,
                    () -> router.param(address).orElseThrow().lockHolder(), h -> h == null);
        }
    }
}
