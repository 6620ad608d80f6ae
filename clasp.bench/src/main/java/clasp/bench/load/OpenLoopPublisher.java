package clasp.bench.load;

import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Sends message i at {@code start + i / rate} whatever the broker does (open loop): a late publisher catches up
 * at once, so a stall shows in the latency from the scheduled time. It parks between messages (no spinning, which
 * would take a core from the broker on a 2-core machine); how late each send was is kept in {@link #lateness()}.
 */
final class OpenLoopPublisher {
    private final PubSubClient client;
    private final String topic;
    private final int rate;
    private final Histogram lateness = new Histogram(DeliveryRecorder.HIGHEST_NANOS, 3);

    OpenLoopPublisher(PubSubClient client, String topic, int rate) {
        this.client = client;
        this.topic = topic;
        this.rate = rate;
    }

    /** Sends {@code count} messages; {@code atMeasureStart} runs just before message {@code firstMeasured}. */
    void run(long count, long firstMeasured, Runnable atMeasureStart) {
        long start = System.nanoTime() + 1_000_000;
        for (long i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            if (i == firstMeasured) atMeasureStart.run();
            long wait;
            while ((wait = due - System.nanoTime()) > 2_000) LockSupport.parkNanos(wait);
            long now = System.nanoTime();
            client.publish(topic, Probe.encode(i, due, now));
            lateness.recordValue(Math.max(0, Math.min(DeliveryRecorder.HIGHEST_NANOS, now - due)));
        }
    }

    /** How late the sends were against their schedule, in ns. */
    Histogram lateness() { return lateness; }
}
