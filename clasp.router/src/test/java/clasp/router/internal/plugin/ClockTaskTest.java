package clasp.router.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.router.internal.clock.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bridge's scheduled tasks wait on the router clock, then run on its strand; cancelled, they leave nothing pending. */
class ClockTaskTest {
    private final ManualClock clock = new ManualClock();
    /** The pool under the strand, run by hand: what it holds is what waits for a thread. */
    private final List<Runnable> pool = new ArrayList<>();
    private final Strand strand = new Strand("test", pool::add);
    private final List<Long> ranAt = new ArrayList<>();

    private void runPool() {
        while (!pool.isEmpty()) pool.remove(0).run();
    }

    private final long start = clock.nowMicros();

    private long elapsedMs() { return (clock.nowMicros() - start) / 1000; }

    private final Runnable record = () -> ranAt.add(elapsedMs());

    @Test void aOneShotRunsOnTheStrandOnceItsDelayHasPassedOnTheRouterClock() {
        ScheduledFuture<?> f = ClockTask.once(record, strand, clock, 50, TimeUnit.MILLISECONDS);
        assertThat(f.getDelay(TimeUnit.MILLISECONDS)).isEqualTo(50);
        clock.advance(49, TimeUnit.MILLISECONDS);
        assertThat(pool).isEmpty();
        clock.advance(1, TimeUnit.MILLISECONDS);
        assertThat(pool).hasSize(1);   // due: handed to the strand, which waits for a pool thread
        assertThat(ranAt).isEmpty();
        runPool();
        assertThat(ranAt).containsExactly(50L);
        assertThat(f.isDone()).isTrue();
        assertThat(clock.pending()).isZero();
    }

    @Test void aCancelledTaskNeverRunsAndLeavesNoWaitOnTheClock() {
        ScheduledFuture<?> once = ClockTask.once(record, strand, clock, 50, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> rate = ClockTask.atFixedRate(record, strand, clock, 10, 10, TimeUnit.MILLISECONDS);
        assertThat(clock.pending()).isEqualTo(2);
        assertThat(once.cancel(false)).isTrue();
        assertThat(rate.cancel(false)).isTrue();
        assertThat(clock.pending()).isZero();
        clock.advance(1, TimeUnit.SECONDS);
        runPool();
        assertThat(ranAt).isEmpty();
    }

    @Test void aFixedRateTaskKeepsItsCadenceWhenARunStartsLate() {
        ClockTask.atFixedRate(record, strand, clock, 10, 20, TimeUnit.MILLISECONDS);
        for (int i = 0; i < 14; i++) {
            clock.advance(7, TimeUnit.MILLISECONDS);   // the strand gets a thread only every 7 ms
            runPool();
        }
        // Due at 10, 30, 50, 70, 90: each run starts when a thread is free, the next is still due on the cadence.
        assertThat(ranAt).containsExactly(14L, 35L, 56L, 70L, 91L);
    }

    @Test void runsThatFallBehindDoNotPileUpNorBurst() {
        ClockTask.atFixedRate(record, strand, clock, 10, 10, TimeUnit.MILLISECONDS);
        clock.advance(10, TimeUnit.MILLISECONDS);
        assertThat(pool).hasSize(1);
        clock.advance(100, TimeUnit.MILLISECONDS);   // the strand has no thread for 100 ms
        assertThat(pool).as("one run waits; the clock holds no more").hasSize(1);
        assertThat(clock.pending()).isZero();
        runPool();
        clock.advance(0, TimeUnit.MILLISECONDS);   // far behind: no catch-up run, the cadence restarts from the late one
        runPool();
        clock.advance(9, TimeUnit.MILLISECONDS);
        runPool();
        clock.advance(1, TimeUnit.MILLISECONDS);
        runPool();
        assertThat(ranAt).containsExactly(110L, 120L);
    }

    @Test void shuttingTheStrandCancelsItsTimedTasksAndRefusesNewOnes() {
        ScheduledFuture<?> once = ClockTask.once(record, strand, clock, 1, TimeUnit.HOURS);
        ScheduledFuture<?> rate = ClockTask.atFixedRate(record, strand, clock, 10, 10, TimeUnit.MILLISECONDS);
        strand.shutdown();
        assertThat(once.isCancelled()).isTrue();
        assertThat(rate.isCancelled()).isTrue();
        assertThat(clock.pending()).isZero();
        assertThatThrownBy(() -> ClockTask.once(record, strand, clock, 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
        clock.advance(2, TimeUnit.HOURS);
        runPool();
        assertThat(ranAt).isEmpty();
    }

    @Test void aRunAlreadyHandedToTheStrandIsDroppedWhenCancelled() {
        ScheduledFuture<?> f = ClockTask.atFixedRate(record, strand, clock, 10, 10, TimeUnit.MILLISECONDS);
        clock.advance(10, TimeUnit.MILLISECONDS);
        assertThat(pool).hasSize(1);
        f.cancel(false);
        runPool();
        clock.advance(1, TimeUnit.SECONDS);
        runPool();
        assertThat(ranAt).isEmpty();
        assertThat(clock.pending()).isZero();
    }
}
