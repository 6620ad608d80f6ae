package clasp.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import clasp.api.Value;
import clasp.api.message.HelloMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.api.router.Router;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The load campaign of {@link OverloadIT}, run by {@code ./scripts/stress.sh} (the Maven profile {@code stress}), not
 * by the default test command: over real sockets, against the runtime with a 16 MiB outbound bound and a 1 s stall
 * bound, twenty rounds of congested subscribers that hold locks are closed while everyone locks, unlocks and sets,
 * and the router never deadlocks. Stalls fail with a thread dump of the framework's JVM. The router's own tests pin
 * the same deadlock in memory on every run ({@code DeliveryRacesTest#closingCongestedSubscribersThatHoldLocksNeverDeadlocks}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OverloadStressIT {
    private static final String NAME = "Overload Stress IT Router";
    private static final long BOUND = 16L << 20;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Inject
    private Router router;

    private int port;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<AutoCloseable> open = new ArrayList<>();

    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() throws IOException {
        Path etc = Provisioning.workDir().resolve("overload-stress").resolve("etc");
        RuntimeProcess.quietListener(etc);
        // A 1 s stall bound: a peer that stops reading (and so is no longer read) goes within seconds, not ten.
        Files.writeString(etc.resolve("clasp.router.cfg"), "name=" + NAME + "\nmaxQueuedBytes=" + BOUND + "\nstallTimeoutSeconds=1\n");
        return Provisioning.runtime(etc);
    }

    @Before
    public void awaitConfiguredRouter() throws Exception {
        port = Listeners.awaitConfiguredRouter(router, NAME);
    }

    @After
    public void closeAll() throws Exception {
        for (AutoCloseable c : open) c.close();
        threads.shutdownNow();
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private void fill(String prefix, int count, int bytes) throws Exception {
        String value = "v".repeat(bytes);
        try (LocalSession s = router.openSession("fill", false)) {
            for (int i = 0; i < count; i++) s.set(prefix + i, Value.of(value));
        }
    }

    /**
     * Rounds of four subscribers that lock an address each, then stop reading and keep locking, unlocking and
     * asking for 3 MB snapshots, while two writers lock, unlock and set 32 KB values: every slow subscriber is
     * closed (by a reply or by a delivery on a writer's thread), its lock released, and the writers never stall.
     */
    @Test
    public void lockingCongestedSubscribersClosedUnderTrafficNeverDeadlockTheRouter() throws Exception {
        fill("/stress/big/", 100, 32_000);
        URI uri = URI.create("ws://127.0.0.1:" + port + "/");
        List<ClaspClient> writers = List.of(opened(ClaspClient.connect(uri, "writer-0")), opened(ClaspClient.connect(uri, "writer-1")));
        Value big = Value.of("w".repeat(32_000));
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            List<NonReadingPeer> slow = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                NonReadingPeer p = new NonReadingPeer(port);
                slow.add(p);
                p.send(new HelloMessage(1, Set.of(), "slow-" + round + "-" + k, null));
                p.send(new SubscribeMessage(1, "/stress/**"));
                p.send(new SetMessage(own(round, k), Value.of(0L), null, true, false, null));
            }
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int j = 0; j < writers.size(); j++) {
                ClaspClient w = writers.get(j);
                String address = "/stress/w/" + j;
                tasks.add(() -> {
                    for (int i = 0; i < 50; i++) w.send(new SetMessage(address, big, null, i % 2 == 0, i % 2 == 1, null));
                    w.sync();
                    return null;
                });
            }
            for (int k = 0; k < slow.size(); k++) {
                NonReadingPeer p = slow.get(k);
                String mine = own(round, k);
                tasks.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        p.send(new SetMessage(mine, Value.of((long) i), null, i % 2 == 1, i % 2 == 0, null));
                        p.send(new SubscribeMessage(i + 2, "/stress/big/**"));
                    }
                    return null;
                });
            }
            runWatched(tasks);
            int r = round;
            watched("round " + r + ": every slow subscriber closed", () -> router.sessions().stream()
                    .noneMatch(s -> s.name().startsWith("slow-" + r + "-")));
            for (int k = 0; k < slow.size(); k++) {
                String mine = own(round, k);
                watched("round " + r + ": lock on " + mine + " released", () ->
                        router.param(mine).map(ParamState::lockHolder).orElse(null) == null);
            }
            for (NonReadingPeer p : slow) p.close();
        }
        for (int j = 0; j < writers.size(); j++) {
            assertTrue(writers.get(j) + " still open", writers.get(j).isOpen());
            assertEquals("ACKs of writer-" + j, 50 * rounds, writers.get(j).ackedRevisions("/stress/w/" + j).size());
            assertNull(writers.get(j).problem());
        }
    }

    private static String own(int round, int k) { return "/stress/slow/" + round + "/" + k; }

    /** Runs the tasks at once; a deadlock or a stall fails with every thread's stack. */
    private void runWatched(List<Callable<Void>> tasks) throws Exception {
        List<Future<Void>> running = new ArrayList<>();
        for (Callable<Void> t : tasks) running.add(threads.submit(t));
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Future<Void> f : running) {
            while (true) {
                try {
                    f.get(200, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException e) {
                    if (ManagementFactory.getThreadMXBean().findDeadlockedThreads() != null) throw new AssertionError("deadlock\n" + Eventually.threadDump());
                    if (System.nanoTime() > deadline) throw new AssertionError("stalled\n" + Eventually.threadDump());
                }
            }
        }
    }

    private static void watched(String what, Callable<Boolean> condition) {
        Eventually.watched(what, WAIT, condition, Boolean.TRUE::equals);
    }
}
