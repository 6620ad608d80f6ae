package clasp.router.internal.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A strand runs its tasks one at a time in order, shares its pool fairly, and ends cleanly. */
class StrandTest {
    /** The pool under the strands, run by hand: each entry is one run waiting for a thread. */
    private final List<Runnable> pool = new ArrayList<>();

    @Test void aRunHandsItsThreadBackAfterABatchSoThatOtherStrandsGetATurn() {
        Strand busy = new Strand("busy", pool::add);
        Strand other = new Strand("other", pool::add);
        List<String> ran = new ArrayList<>();
        for (int i = 0; i < Strand.BATCH + 10; i++) {
            int n = i;
            busy.execute(() -> ran.add("busy-" + n));
        }
        other.execute(() -> ran.add("other"));
        assertThat(pool).hasSize(2);   // one run per strand, however many tasks it has
        pool.remove(0).run();
        assertThat(ran).hasSize(Strand.BATCH).last().isEqualTo("busy-" + (Strand.BATCH - 1));
        pool.remove(0).run();
        assertThat(ran.get(Strand.BATCH)).isEqualTo("other");
        pool.remove(0).run();   // the rest of busy, queued behind other
        assertThat(ran).hasSize(Strand.BATCH + 11).last().isEqualTo("busy-" + (Strand.BATCH + 9));
        assertThat(pool).isEmpty();
    }

    @Test void theLastTaskRunsAfterEverythingQueuedAndNothingCanBeQueuedBehindIt() {
        Strand s = new Strand("closing", pool::add);
        List<String> ran = new ArrayList<>();
        s.execute(() -> ran.add("a"));
        s.execute(() -> ran.add("b"));
        s.shutdownAfter(() -> ran.add("close"));
        assertThatThrownBy(() -> s.execute(() -> ran.add("late"))).isInstanceOf(RejectedExecutionException.class);
        assertThat(s.finished()).isFalse();
        pool.remove(0).run();
        assertThat(ran).containsExactly("a", "b", "close");
        assertThat(s.finished()).isTrue();
    }

    @Test void shutdownNowInterruptsTheStuckTaskAndTheInterruptDoesNotReachTheNextStrandsTask() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Strand stuck = new Strand("stuck", one);
            Strand next = new Strand("next", one);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            stuck.execute(() -> {
                inside.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    Thread.currentThread().interrupt();   // as well-behaved code does: the flag stays set
                }
            });
            AtomicBoolean droppedRan = new AtomicBoolean();
            stuck.execute(() -> droppedRan.set(true));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stuck.busySince()).isNotZero();
            AtomicBoolean nextSawInterrupt = new AtomicBoolean(true);
            CountDownLatch nextRan = new CountDownLatch(1);
            next.execute(() -> {
                nextSawInterrupt.set(Thread.currentThread().isInterrupted());
                nextRan.countDown();
            });
            stuck.shutdownNow();
            assertThat(interrupted.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nextRan.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(nextSawInterrupt).isFalse();
            assertThat(droppedRan).as("the task queued behind the stuck one").isFalse();
            assertThat(stuck.finished()).isTrue();
        } finally {
            one.shutdownNow();
        }
    }
}
