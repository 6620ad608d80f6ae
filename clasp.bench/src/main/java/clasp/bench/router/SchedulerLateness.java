package clasp.bench.router;

import clasp.api.message.Message;
import clasp.router.internal.clock.Micros;
import clasp.router.internal.clock.TimerClock;
import clasp.router.internal.schedule.BundleScheduler;
import clasp.router.internal.session.Session;
import clasp.router.internal.session.SessionSubscription;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The router's own scheduling lateness, without the network: the {@link BundleScheduler} on the production
 * {@link TimerClock}, with tasks due at the same spread times as {@code clasp.bench.load.BundleLateness} uses; each
 * records the router clock when it runs minus its due time. Prints p50, p99, p99.9, max in µs.
 *
 * <pre>java -cp clasp.bench/target/clasp-bench.jar clasp.bench.router.SchedulerLateness [bundles] [warmup] [ratePerSecond]</pre>
 */
public final class SchedulerLateness {
    private SchedulerLateness() { }

    /** A sender that is never told anything: the tasks here deliver nothing. */
    private static final class Sender extends Session {
        Sender() { super("lateness"); }
        @Override public boolean isOpen() { return true; }
        @Override public boolean echoes() { return false; }
        @Override public boolean needsFrame() { return false; }
        @Override public void deliver(Message m, ByteBuf frame, List<SessionSubscription> matched) { }
        @Override public void reply(Message m) { }
    }

    public static void main(String[] args) throws InterruptedException {
        int bundles = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int total = warmup + bundles;
        TimerClock clock = new TimerClock();
        BundleScheduler scheduler = new BundleScheduler(clock);
        Sender sender = new Sender();
        long[] lateness = new long[total];
        CountDownLatch all = new CountDownLatch(total);
        SplittableRandom random = new SplittableRandom(17);
        long slot = 1_000_000L / rate;
        long first = clock.nowMicros() + 1_000_000L;
        long startNanos = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long at = first + i * slot + random.nextLong(slot);
            long wait = startNanos + i * slot * 1_000L - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            int n = i;
            scheduler.schedule(sender, at, Integer.MAX_VALUE, Integer.MAX_VALUE, () -> {
                lateness[n] = Micros.now() - at;
                all.countDown();
            });
        }
        all.await(120, TimeUnit.SECONDS);
        clock.stop();
        long[] measured = Arrays.copyOfRange(lateness, warmup, total);
        Arrays.sort(measured);
        System.out.printf("scheduler lateness µs (run - due), %d tasks at %d/s: p50 %d  p99 %d  p99.9 %d  max %d  min %d%n", bundles, rate,
                measured[measured.length / 2 - 1], measured[(int) Math.ceil(0.99 * measured.length) - 1],
                measured[(int) Math.ceil(0.999 * measured.length) - 1], measured[measured.length - 1], measured[0]);
    }
}
