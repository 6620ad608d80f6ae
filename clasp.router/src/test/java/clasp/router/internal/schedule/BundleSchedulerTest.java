package clasp.router.internal.schedule;

import static clasp.router.internal.schedule.BundleScheduler.Admission.SCHEDULED;
import static clasp.router.internal.schedule.BundleScheduler.Admission.SESSION_FULL;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.router.internal.Watchdog;
import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import clasp.api.message.Message;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scheduler never runs a bundle before its time by the router clock, even when its timer fires early. */
class BundleSchedulerTest {
    /** A clock whose timer the test fires by hand, at whatever router time the test has set. */
    static final class EarlyClock implements RouterClock {
        long now = 1_000_000;
        final List<Runnable> tasks = new ArrayList<>();
        final List<Long> delays = new ArrayList<>();

        @Override public long nowMicros() { return now; }
        @Override public Timeout schedule(long delay, TimeUnit unit, Runnable task) {
            tasks.add(task);
            delays.add(unit.toMicros(delay));
            return () -> tasks.remove(task);
        }
        @Override public void stop() { }

        void fireAll() { new ArrayList<>(tasks).forEach(t -> { tasks.remove(t); t.run(); }); }
    }

    static final class Sender extends Session {
        Sender() { super(java.util.UUID.randomUUID().toString()); }
        @Override public boolean isOpen() { return true; }
        @Override public boolean echoes() { return false; }
        @Override public boolean needsFrame() { return false; }
        @Override public void deliver(Message m, ByteBuf frame, List<SessionSubscription> matched) { }
        @Override public void reply(Message m) { }
    }

    private final EarlyClock clock = new EarlyClock();
    private final BundleScheduler scheduler = new BundleScheduler(clock);
    private final Sender sender = new Sender();

    @Test void aTimerThatFiresEarlyWaitsAgainForTheRest() {
        List<String> ran = new ArrayList<>();
        assertThat(scheduler.schedule(sender, 1_005_000, 10, Integer.MAX_VALUE, () -> ran.add("cue"))).isEqualTo(SCHEDULED);
        assertThat(clock.delays).containsExactly(5_000L);
        clock.now = 1_004_000;
        clock.fireAll();
        assertThat(ran).isEmpty();
        assertThat(clock.delays).containsExactly(5_000L, 1_000L);
        clock.now = 1_005_000;
        clock.fireAll();
        assertThat(ran).containsExactly("cue");
        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.pending(sender)).isZero();
    }

    @Test void theCapCountsWaitingBundlesOfOneSender() {
        assertThat(scheduler.schedule(sender, 2_000_000, 2, Integer.MAX_VALUE, () -> { })).isEqualTo(SCHEDULED);
        assertThat(scheduler.schedule(sender, 2_000_000, 2, Integer.MAX_VALUE, () -> { })).isEqualTo(SCHEDULED);
        assertThat(scheduler.schedule(sender, 2_000_000, 2, Integer.MAX_VALUE, () -> { })).isEqualTo(SESSION_FULL);
        assertThat(scheduler.pending(sender)).isEqualTo(2);
        assertThat(scheduler.schedule(new Sender(), 2_000_000, 2, Integer.MAX_VALUE, () -> { })).isEqualTo(SCHEDULED);
        clock.now = 2_000_000;
        clock.fireAll();
        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.schedule(sender, 3_000_000, 2, Integer.MAX_VALUE, () -> { })).isEqualTo(SCHEDULED);
    }

    @Test void clearCancelsEveryTimer() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(sender, 2_000_000, 2, Integer.MAX_VALUE, () -> ran.add("x"));
        scheduler.clear();
        assertThat(clock.tasks).isEmpty();
        assertThat(scheduler.pending()).isZero();
        assertThat(ran).isEmpty();
    }

    // ---- concurrency: connection threads schedule while the timer thread runs

    @Test void sessionsRacingForTheRoutersPlacesGetExactlyTheRouterCap() throws Exception {
        TimerClock timer = new TimerClock();
        try (Watchdog watchdog = new Watchdog()) {
            for (int round = 0; round < 20; round++) {
                BundleScheduler s = new BundleScheduler(timer);
                AtomicInteger admitted = new AtomicInteger();
                AtomicInteger routerFull = new AtomicInteger();
                long far = timer.nowMicros() + 3_600_000_000L;
                List<Callable<?>> racers = new ArrayList<>();
                List<Sender> senders = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Sender from = new Sender();
                    senders.add(from);
                    racers.add(() -> {
                        for (int i = 0; i < 100; i++) {
                            BundleScheduler.Admission a = s.schedule(from, far, 80, 250, () -> { });
                            if (a == SCHEDULED) admitted.incrementAndGet();
                            else if (a == BundleScheduler.Admission.ROUTER_FULL) routerFull.incrementAndGet();
                        }
                        return null;
                    });
                }
                watchdog.round(racers);
                assertThat(admitted.get()).as("round " + round).isEqualTo(250);
                assertThat(s.pending()).isEqualTo(250);
                assertThat(routerFull.get()).isPositive();
                for (Sender from : senders) assertThat(s.pending(from)).isLessThanOrEqualTo(80);
                s.clear();
            }
        } finally {
            timer.stop();
        }
    }

    @Test void threadsRacingForOneSessionsPlacesGetExactlyTheCap() throws Exception {
        TimerClock timer = new TimerClock();
        try (Watchdog watchdog = new Watchdog()) {
            for (int round = 0; round < 20; round++) {
                BundleScheduler s = new BundleScheduler(timer);
                AtomicInteger admitted = new AtomicInteger();
                long far = timer.nowMicros() + 3_600_000_000L;
                List<Callable<?>> racers = new ArrayList<>();
                for (int t = 0; t < 4; t++) racers.add(() -> {
                    for (int i = 0; i < 100; i++) if (s.schedule(sender, far, 150, Integer.MAX_VALUE, () -> { }) == SCHEDULED) admitted.incrementAndGet();
                    return null;
                });
                watchdog.round(racers);
                assertThat(admitted.get()).as("round " + round).isEqualTo(150);
                assertThat(s.pending(sender)).isEqualTo(150);
                s.clear();
            }
        } finally {
            timer.stop();
        }
    }

    @Test void bundlesScheduledFromManyThreadsEachRunOnceAndFreeTheirPlaces() throws Exception {
        TimerClock timer = new TimerClock();
        try (Watchdog watchdog = new Watchdog()) {
            for (int round = 0; round < 10; round++) {
                BundleScheduler s = new BundleScheduler(timer);
                int perThread = 500;
                AtomicIntegerArray runs = new AtomicIntegerArray(4 * perThread);
                AtomicInteger ran = new AtomicInteger();
                List<Sender> senders = List.of(new Sender(), new Sender(), new Sender(), new Sender());
                List<Callable<?>> threads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int base = t * perThread;
                    Sender from = senders.get(t);
                    threads.add(() -> {
                        for (int i = 0; i < perThread; i++) {
                            int id = base + i;
                            long at = timer.nowMicros() + (id % 7) * 500;   // due now and within 3 ms
                            assertThat(s.schedule(from, at, perThread, Integer.MAX_VALUE, () -> {
                                runs.incrementAndGet(id);
                                ran.incrementAndGet();
                            })).isEqualTo(SCHEDULED);
                        }
                        return null;
                    });
                }
                watchdog.round(threads);
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> ran.get() == runs.length());
                assertThat(s.pending()).isZero();
                for (int i = 0; i < runs.length(); i++) assertThat(runs.get(i)).as("bundle " + i).isEqualTo(1);
                for (Sender from : senders) assertThat(s.pending(from)).isZero();
            }
        } finally {
            timer.stop();
        }
    }
}
