package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Bridges share the router's configured bridge threads, each on a strand: its calls one at a time and in order,
 * a blocked bridge does not starve the others, and no thread outlives the router.
 */
class BridgeThreadsTest {
    private static Set<Thread> routerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("clasp-router-"))
                .collect(Collectors.toSet());
    }

    /** Records the revisions of /t/** it gets, and the threads it got them on; blocks on /block while asked to. */
    private static final class Recorder implements Bridge {
        final List<Long> revisions = new CopyOnWriteArrayList<>();
        final Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final CountDownLatch release;
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile BridgeContext context;

        Recorder(CountDownLatch release) { this.release = release; }

        @Override public void open(BridgeContext c) throws Exception {
            context = c;
            c.session().subscribe("/t/**", Set.of(), m -> {
                threads.add(Thread.currentThread().getName());
                revisions.add(((SetMessage) m).revision());
            });
            if (release == null) return;
            c.session().subscribe("/block", Set.of(), m -> {
                blocked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override public void close() { }
    }

    @Test void twoBlockedBridgesOnAPoolOfTwoDoNotStarveTheOthersWhichGetEveryMessageInOrder() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().bridgeThreads(2).build());
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Recorder> stuck = List.of(new Recorder(release), new Recorder(release));
            List<Recorder> others = IntStream.range(0, 6).mapToObj(i -> new Recorder(null)).toList();
            long sid = 1;
            for (Recorder r : stuck) router.plugins().addBridge(sid, r, Map.of(Bridge.ID, "stuck-" + sid++));
            for (Recorder r : others) router.plugins().addBridge(sid, r, Map.of(Bridge.ID, "other-" + sid++));
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> router.sessions().size() == 8);
            assertThat(router.plugins().bridgeThreadLimit()).isEqualTo(2);

            try (LocalSession writer = router.openSession("writer", false)) {
                writer.set("/block", Value.of(true));
                for (Recorder r : stuck) assertThat(r.blocked.await(60, TimeUnit.SECONDS)).isTrue();
                // both pool threads are now held; the watchdog lends one thread per blocked bridge
                for (int i = 0; i < 200; i++) writer.set("/t/x", Value.of((long) i));
            }
            List<Long> all = LongStream.rangeClosed(1, 200).boxed().toList();
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> others.stream().allMatch(r -> r.revisions.size() == 200));
            for (Recorder r : others) assertThat(r.revisions).isEqualTo(all);
            assertThat(router.plugins().bridgeThreadLimit()).as("two threads lent while two bridges are blocked").isEqualTo(4);

            release.countDown();
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> stuck.stream().allMatch(r -> r.revisions.size() == 200));
            for (Recorder r : stuck) assertThat(r.revisions).isEqualTo(all);
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> router.plugins().bridgeThreadLimit() == 2);
        } finally {
            release.countDown();
            router.deactivate();
        }
    }

    @Test void eachBridgesTasksAndDeliveriesRunOneAtATimeInTheOrderTheyWereGivenOverManyRounds() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().bridgeThreads(2).build());
        try {
            int bridges = 8;
            int rounds = 300;
            int perRound = 4;
            List<Recorder> recorders = new ArrayList<>();
            List<List<Integer>> ran = new ArrayList<>();
            List<AtomicInteger> inside = new ArrayList<>();
            AtomicInteger overlaps = new AtomicInteger();
            for (int b = 0; b < bridges; b++) {
                Recorder r = new Recorder(null);
                recorders.add(r);
                ran.add(new CopyOnWriteArrayList<>());
                inside.add(new AtomicInteger());
                router.plugins().addBridge(b + 1, r, Map.of(Bridge.ID, "order-" + b));
            }
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> router.sessions().size() == bridges);
            try (LocalSession writer = router.openSession("writer", false)) {
                for (int round = 0; round < rounds; round++) {
                    for (int b = 0; b < bridges; b++) {
                        List<Integer> mine = ran.get(b);
                        AtomicInteger in = inside.get(b);
                        for (int k = 0; k < perRound; k++) {   // a few in a row: free threads would take them at once
                            int n = round * perRound + k;
                            recorders.get(b).context.execute(() -> {
                                if (in.incrementAndGet() != 1) overlaps.incrementAndGet();
                                mine.add(n);
                                long until = System.nanoTime() + 20_000;   // 20 µs of work
                                while (System.nanoTime() < until) Thread.onSpinWait();
                                in.decrementAndGet();
                            });
                        }
                    }
                    writer.set("/t/x", Value.of((long) round));   // listener calls interleave with the tasks
                }
            }
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> ran.stream().allMatch(l -> l.size() == rounds * perRound)
                    && recorders.stream().allMatch(r -> r.revisions.size() == rounds));
            List<Integer> expected = IntStream.range(0, rounds * perRound).boxed().toList();
            List<Long> revisions = LongStream.rangeClosed(1, rounds).boxed().toList();
            for (int b = 0; b < bridges; b++) {
                assertThat(ran.get(b)).isEqualTo(expected);
                assertThat(recorders.get(b).revisions).isEqualTo(revisions);
            }
            assertThat(overlaps).as("tasks of one bridge running at the same time").hasValue(0);
            Set<String> used = recorders.stream().flatMap(r -> r.threads.stream()).collect(Collectors.toSet());
            assertThat(used).allMatch(n -> n.matches("clasp-router-bridge-\\d+")).hasSizeBetween(1, 2);
        } finally {
            router.deactivate();
        }
    }

    @Test void theBridgePoolFollowsAChangedConfiguration() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().bridgeThreads(1).build());
        CountDownLatch release = new CountDownLatch(1);
        try {
            router.reconfigure(TestSettings.defaults().bridgeThreads(4).build());
            assertThat(router.plugins().bridgeThreadLimit()).isEqualTo(4);
            List<Recorder> blocked = IntStream.range(0, 4).mapToObj(i -> new Recorder(release)).toList();
            for (int i = 0; i < 4; i++) router.plugins().addBridge(i + 1, blocked.get(i), Map.of(Bridge.ID, "r" + i));
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> router.sessions().size() == 4);
            try (LocalSession writer = router.openSession("writer", false)) {
                writer.set("/block", Value.of(true));
            }
            // On one thread plus one lent, at most two could be inside at once.
            for (Recorder r : blocked) assertThat(r.blocked.await(60, TimeUnit.SECONDS)).as("four listeners inside at once").isTrue();
        } finally {
            release.countDown();
            router.deactivate();
        }
    }

    @Test void aRemovedBridgesScheduledTasksAreCancelledAndNeverRunAgain() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().bridgeThreads(2).build());
        try {
            AtomicInteger goneTicks = new AtomicInteger();
            AtomicInteger keptTicks = new AtomicInteger();
            AtomicReference<ScheduledFuture<?>> tick = new AtomicReference<>();
            AtomicReference<ScheduledFuture<?>> later = new AtomicReference<>();
            router.plugins().addBridge(1, new Bridge() {
                @Override public void open(BridgeContext c) {
                    tick.set(c.scheduleAtFixedRate(goneTicks::incrementAndGet, 5, 5, TimeUnit.MILLISECONDS));
                    later.set(c.schedule(goneTicks::incrementAndGet, 1, TimeUnit.HOURS));
                }
                @Override public void close() { }
            }, Map.of(Bridge.ID, "gone"));
            router.plugins().addBridge(2, new Bridge() {
                @Override public void open(BridgeContext c) { c.scheduleAtFixedRate(keptTicks::incrementAndGet, 5, 5, TimeUnit.MILLISECONDS); }
                @Override public void close() { }
            }, Map.of(Bridge.ID, "kept"));
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> goneTicks.get() >= 3);

            router.plugins().removeBridge(1);
            assertThat(tick.get().isCancelled()).isTrue();
            assertThat(later.get().isCancelled()).isTrue();
            int atRemoval = goneTicks.get();
            int keptAtRemoval = keptTicks.get();
            Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> keptTicks.get() >= keptAtRemoval + 20);
            assertThat(goneTicks).as("ticks of the removed bridge while the other ticked 20 times").hasValue(atRemoval);
        } finally {
            router.deactivate();
        }
    }

    @Test void neitherTheBridgeNorTheListenerThreadsOutliveTheRouter() throws Exception {
        Set<Thread> before = routerThreads();
        RouterComponent router = new RouterComponent();
        router.startStandalone(TestSettings.defaults().bridgeThreads(3).listenerThreads(2).build());
        CountDownLatch never = new CountDownLatch(1);
        List<Recorder> recorders = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            Recorder r = new Recorder(b == 0 ? never : null);   // one is blocked when the router stops
            recorders.add(r);
            router.plugins().addBridge(b + 1, r, Map.of(Bridge.ID, "b" + b));
        }
        List<LocalSession> sessions = new ArrayList<>();
        List<List<Long>> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LocalSession s = router.openSession("local-" + i, false);
            List<Long> got = new CopyOnWriteArrayList<>();
            s.subscribe("/t/**", Set.of(), m -> got.add(((SetMessage) m).revision()));
            sessions.add(s);
            received.add(got);
        }
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> router.sessions().size() == 25);
        try (LocalSession writer = router.openSession("writer", false)) {
            writer.set("/block", Value.of(true));
            for (int i = 0; i < 50; i++) writer.set("/t/x", Value.of((long) i));
        }
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> received.stream().allMatch(r -> r.size() == 50)
                && recorders.stream().skip(1).allMatch(r -> r.revisions.size() == 50));
        Set<Thread> during = routerThreads();
        during.removeAll(before);
        assertThat(during).extracting(Thread::getName).filteredOn(n -> n.startsWith("clasp-router-bridge-")).isNotEmpty();
        assertThat(during).extracting(Thread::getName).filteredOn(n -> n.startsWith("clasp-router-listener-")).isNotEmpty();

        router.deactivate();
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
            Set<Thread> left = routerThreads();
            left.removeAll(before);
            assertThat(left).extracting(Thread::getName).as("router threads alive after deactivate").isEmpty();
        });
    }
}
