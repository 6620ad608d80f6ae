package clasp.router.internal.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.router.internal.clock.RouterClock;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import clasp.api.message.Message;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        assertThat(scheduler.schedule(sender, 1_005_000, 10, () -> ran.add("cue"))).isTrue();
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
        assertThat(scheduler.schedule(sender, 2_000_000, 2, () -> { })).isTrue();
        assertThat(scheduler.schedule(sender, 2_000_000, 2, () -> { })).isTrue();
        assertThat(scheduler.schedule(sender, 2_000_000, 2, () -> { })).isFalse();
        assertThat(scheduler.pending(sender)).isEqualTo(2);
        assertThat(scheduler.schedule(new Sender(), 2_000_000, 2, () -> { })).isTrue();
        clock.now = 2_000_000;
        clock.fireAll();
        assertThat(scheduler.pending()).isZero();
        assertThat(scheduler.schedule(sender, 3_000_000, 2, () -> { })).isTrue();
    }

    @Test void clearCancelsEveryTimer() {
        List<String> ran = new ArrayList<>();
        scheduler.schedule(sender, 2_000_000, 2, () -> ran.add("x"));
        scheduler.clear();
        assertThat(clock.tasks).isEmpty();
        assertThat(scheduler.pending()).isZero();
        assertThat(ran).isEmpty();
    }
}
