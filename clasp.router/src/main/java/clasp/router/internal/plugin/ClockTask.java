package clasp.router.internal.plugin;

import clasp.router.internal.clock.RouterClock;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bridge's scheduled task: it waits on the router's clock, then runs on the bridge's {@link Strand}. A periodic
 * task waits for its next run only once the previous one has ended, so runs never overlap nor pile up: the next is
 * due one period after the previous was due (at once if that has just passed), never more than one period away; a
 * task more than a period behind (a long run, a starved strand, a clock step) restarts its cadence from its last run.
 * Cancelling it drops its pending wait on the clock.
 */
final class ClockTask extends FutureTask<Void> implements ScheduledFuture<Void> {
    private final Strand strand;
    private final RouterClock clock;
    private final long periodMicros;   // 0: runs once
    private volatile long dueMicros;
    private volatile RouterClock.Timeout waiting;

    private ClockTask(Runnable task, Strand strand, RouterClock clock, long delayMicros, long periodMicros) {
        super(task, null);
        this.strand = strand;
        this.clock = clock;
        this.periodMicros = periodMicros;
        this.dueMicros = clock.nowMicros() + delayMicros;
    }

    /** Runs {@code task} once on {@code strand} after {@code delay}. */
    static ClockTask once(Runnable task, Strand strand, RouterClock clock, long delay, TimeUnit unit) {
        return start(new ClockTask(task, strand, clock, Math.max(unit.toMicros(delay), 0), 0), unit.toMicros(delay));
    }

    /** Runs {@code task} on {@code strand} every {@code period} after {@code initialDelay}, until cancelled. */
    static ClockTask atFixedRate(Runnable task, Strand strand, RouterClock clock, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) throw new IllegalArgumentException("period must be positive: " + period);
        long first = Math.max(unit.toMicros(initialDelay), 0);
        return start(new ClockTask(task, strand, clock, first, Math.max(unit.toMicros(period), 1)), first);
    }

    private static ClockTask start(ClockTask t, long delayMicros) {
        t.strand.track(t);
        t.await(Math.max(delayMicros, 0));
        return t;
    }

    private void await(long delayMicros) {
        waiting = clock.schedule(delayMicros, TimeUnit.MICROSECONDS, this::due);
        if (isDone()) waiting.cancel();   // cancelled meanwhile
    }

    /** On the clock's thread: hands the run to the strand. */
    private void due() {
        if (isDone()) return;
        try {
            strand.execute(this);
        } catch (RejectedExecutionException shut) {
            cancel(false);
        }
    }

    /** On the strand. */
    @Override
    public void run() {
        if (periodMicros == 0) {
            super.run();
            return;
        }
        if (!runAndReset()) return;   // cancelled, or the task threw an Error
        long now = clock.nowMicros();
        long next = dueMicros + periodMicros;
        if (next < now - periodMicros) next = now + periodMicros;   // far behind (a long run, a clock step): no catch-up runs
        dueMicros = next;
        await(Math.min(Math.max(next - now, 0), periodMicros));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        RouterClock.Timeout w = waiting;
        if (w != null) w.cancel();
        return cancelled;
    }

    @Override protected void done() { strand.forget(this); }

    @Override public long getDelay(TimeUnit unit) { return unit.convert(dueMicros - clock.nowMicros(), TimeUnit.MICROSECONDS); }

    @Override public int compareTo(Delayed other) {
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
}
