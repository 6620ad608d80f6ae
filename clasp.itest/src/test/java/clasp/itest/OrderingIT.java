package clasp.itest;

import static org.junit.Assert.assertEquals;

import clasp.api.FloatValue;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.Router;
import clasp.api.router.Subscription;
import clasp.api.router.TransportInfo;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.inject.Inject;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * One order for everyone, whatever thread a SET comes from: two network clients and two local sessions, each on
 * its own thread, write one address at once; every subscriber, network and local, must see that address's
 * revisions strictly rising and end on the last one. A hundred rounds, each on a fresh address; a round that
 * stalls fails with a thread dump.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OrderingIT {
    private static final int ROUNDS = 100;
    private static final int SETS_PER_WRITER = 25;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    private Router router;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @Configuration
    public Option[] configuration() throws IOException {
        return Provisioning.quietRuntime(Provisioning.workDir().resolve("ordering").resolve("etc"));
    }

    @Before
    public void awaitListener() {
        Listeners.awaitDefault(router);
    }

    @After
    public void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A local subscriber: the revisions of each address in the order its listener got them. */
    private static final class LocalRecorder {
        private final Map<String, List<Long>> revisions = new HashMap<>();

        synchronized void record(SetMessage set) {
            revisions.computeIfAbsent(set.address(), a -> new ArrayList<>()).add(set.revision());
        }

        synchronized List<Long> revisions(String address) {
            return List.copyOf(revisions.getOrDefault(address, List.of()));
        }
    }

    @Test
    public void everySubscriberSeesEachAddressRiseToItsLastRevision() throws Exception {
        URI uri = URI.create(endpoint());
        ClaspClient networkWriterA = open(ClaspClient.connect(uri, "order-writer-a"));
        ClaspClient networkWriterB = open(ClaspClient.connect(uri, "order-writer-b"));
        ClaspClient networkReaderA = open(ClaspClient.connect(uri, "order-reader-a"));
        ClaspClient networkReaderB = open(ClaspClient.connect(uri, "order-reader-b"));
        networkReaderA.subscribe(1, "/order/**");
        networkReaderB.subscribe(1, "/order/**");
        LocalSession localWriterA = open(router.openSession("order-local-writer-a", true));
        LocalSession localWriterB = open(router.openSession("order-local-writer-b", true));
        LocalRecorder localReaderA = new LocalRecorder();
        LocalRecorder localReaderB = new LocalRecorder();
        subscribe(open(router.openSession("order-local-reader-a", true)), localReaderA);
        subscribe(open(router.openSession("order-local-reader-b", true)), localReaderB);

        for (int round = 0; round < ROUNDS; round++) {
            String address = "/order/r" + round;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> writers = List.of(
                    writer("network-a", go, failure, i -> networkWriterA.send(new SetMessage(address, new FloatValue(i)))),
                    writer("network-b", go, failure, i -> networkWriterB.send(new SetMessage(address, new FloatValue(i)))),
                    writer("local-a", go, failure, i -> localWriterA.set(address, new FloatValue(i))),
                    writer("local-b", go, failure, i -> localWriterB.set(address, new FloatValue(i))));
            go.countDown();
            for (Thread writer : writers) {
                writer.join(WAIT.toMillis());
                if (writer.isAlive()) throw new AssertionError("round " + round + ": writer " + writer.getName() + " stalled\n" + Eventually.threadDump());
            }
            if (failure.get() != null) throw new AssertionError("round " + round + ": a writer failed", failure.get());

            long last = 4L * SETS_PER_WRITER;  // each of the SETs raises the revision by one, from 1
            awaitLast(round, "the router", () -> router.param(address).map(p -> p.revision()).orElse(0L), last);
            checkRising(round, "network reader a", address, () -> revisions(networkReaderA, address), last);
            checkRising(round, "network reader b", address, () -> revisions(networkReaderB, address), last);
            checkRising(round, "local reader a", address, () -> localReaderA.revisions(address), last);
            checkRising(round, "local reader b", address, () -> localReaderB.revisions(address), last);
        }
        assertEquals("network reader a failed: " + networkReaderA.problem(), null, networkReaderA.problem());
        assertEquals("network reader b failed: " + networkReaderB.problem(), null, networkReaderB.problem());
    }

    private interface Step {
        void run(int i) throws Exception;
    }

    private static Thread writer(String name, CountDownLatch go, AtomicReference<Throwable> failure, Step step) {
        Thread thread = new Thread(() -> {
            try {
                go.await();
                for (int i = 0; i < SETS_PER_WRITER; i++) step.run(i);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "order-writer-" + name);
        thread.start();
        return thread;
    }

    private void subscribe(LocalSession reader, LocalRecorder recorder) throws Exception {
        Subscription subscription = reader.subscribe("/order/**", Set.of(), m -> {
            if (m instanceof SetMessage set) recorder.record(set);
        });
        opened.add(subscription); // closed before its session: closeAll goes backwards
    }

    private static List<Long> revisions(ClaspClient client, String address) {
        return client.sets(address).stream().map(SetMessage::revision).toList();
    }

    private static void awaitLast(int round, String who, LongSupplier revision, long last) {
        Eventually.watched("round " + round + ": " + who + " at revision " + last, WAIT, revision::getAsLong, r -> r == last);
    }

    /** Waits until {@code who} got {@code last}; every revision it got before must be lower than the next. */
    private static void checkRising(int round, String who, String address, java.util.function.Supplier<List<Long>> seen,
                                    long last) {
        List<Long> revisions = Eventually.watched("round " + round + ": " + who + " got revision " + last + " of " + address,
                WAIT, seen::get, r -> r.contains(last));
        for (int i = 1; i < revisions.size(); i++) {
            if (revisions.get(i) <= revisions.get(i - 1)) {
                throw new AssertionError("round " + round + ": " + who + " got revision " + revisions.get(i)
                        + " after " + revisions.get(i - 1) + " of " + address + ": " + revisions);
            }
        }
        assertEquals("round " + round + ": " + who + " ends on", last, (long) revisions.get(revisions.size() - 1));
    }

    private String endpoint() {
        TransportInfo listener = router.transports().stream().filter(t -> t.id().equals("default")).findFirst().orElseThrow();
        return listener.endpoint();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
