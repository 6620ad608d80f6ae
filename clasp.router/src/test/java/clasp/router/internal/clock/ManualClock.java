package clasp.router.internal.clock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link RouterClock} in the test's hands: time moves only by {@link #advance}, which runs the tasks that fall due. */
public final class ManualClock implements RouterClock {
    private static final class Task {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now = 1_700_000_000_000_000L;
    private long seq;
    private boolean stopped;

    @Override public synchronized long nowMicros() { return now; }

    @Override
    public synchronized Timeout schedule(long delay, TimeUnit unit, Runnable task) {
        if (stopped) return () -> { };
        Task t = new Task(now + unit.toMicros(delay), seq++, task);
        tasks.add(t);
        return () -> {
            synchronized (ManualClock.this) {
                t.cancelled = true;
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward, running every task due by then in deadline order, each at its own time. */
    public void advance(long amount, TimeUnit unit) {
        long target;
        synchronized (this) {
            target = now + unit.toMicros(amount);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
            }
            next.run.run();   // outside the monitor, as a timer thread would run it
        }
    }

    public synchronized int pending() { return tasks.size(); }

    @Override public synchronized void stop() {
        stopped = true;
        tasks.clear();
    }
}
