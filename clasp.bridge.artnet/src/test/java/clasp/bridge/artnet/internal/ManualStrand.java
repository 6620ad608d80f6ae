package clasp.bridge.artnet.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A strand and a nanosecond clock the test drives: tasks run only when it says, at the time it sets. */
final class ManualStrand implements Transmitter.Strand {
    long now = 1_000_000_000L;
    private final List<Runnable> queued = new ArrayList<>();
    private final List<Timed> timed = new ArrayList<>();

    long nanoTime() { return now; }

    @Override
    public void execute(Runnable task) { queued.add(task); }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        Timed t = new Timed(task, now + delayNanos);
        timed.add(t);
        return t;
    }

    /** Runs what is queued, and what that queues, at the current time. */
    void runQueued() {
        while (!queued.isEmpty()) queued.remove(0).run();
    }

    /** Moves the clock to each due task in turn up to {@code millis} from now, running it and what it queues. */
    void advanceMillis(double millis) {
        long until = now + Math.round(millis * 1_000_000);
        runQueued();
        while (true) {
            Timed next = timed.stream().filter(t -> !t.cancelled && t.at <= until).min(Comparator.comparingLong(t -> t.at)).orElse(null);
            if (next == null) break;
            timed.remove(next);
            now = Math.max(now, next.at);
            next.task.run();
            runQueued();
        }
        now = until;
    }

    /** The time of the next pending task, or -1. */
    long nextAt() {
        return timed.stream().filter(t -> !t.cancelled).mapToLong(t -> t.at).min().orElse(-1);
    }

    private static final class Timed implements ScheduledFuture<Object> {
        final Runnable task;
        final long at;
        boolean cancelled;

        Timed(Runnable task, long at) {
            this.task = task;
            this.at = at;
        }

        @Override public long getDelay(TimeUnit unit) { return unit.convert(at, TimeUnit.NANOSECONDS); }

        @Override public int compareTo(Delayed o) { return Long.compare(at, o.getDelay(TimeUnit.NANOSECONDS)); }

        @Override public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return true;
        }

        @Override public boolean isCancelled() { return cancelled; }

        @Override public boolean isDone() { return cancelled; }

        @Override public Object get() { return null; }

        @Override public Object get(long timeout, TimeUnit unit) { return null; }
    }
}
