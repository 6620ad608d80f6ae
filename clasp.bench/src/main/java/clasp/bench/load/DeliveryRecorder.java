package clasp.bench.load;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one subscriber received: distinct sequence numbers (so loss = sent − received), arrivals below the highest
 * sequence seen so far (reordering), duplicates, and for the measured messages two latency histograms in ns:
 * from the scheduled send time (coordinated omission corrected) and from the actual send time.
 */
final class DeliveryRecorder implements Probe.Sink {
    static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final long firstMeasuredSeq;
    private final BitSet seen = new BitSet();
    private final Histogram fromScheduled = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram fromSent = new Histogram(HIGHEST_NANOS, 3);
    private long highest = -1;
    private long reordered;
    private long duplicates;
    private long measured;
    private volatile long received;

    DeliveryRecorder(long firstMeasuredSeq) { this.firstMeasuredSeq = firstMeasuredSeq; }

    @Override
    public synchronized void delivered(long receivedNanos, long seq, long scheduledNanos, long sentNanos) {
        int index = (int) seq;
        if (seen.get(index)) {
            duplicates++;
            return;
        }
        seen.set(index);
        if (seq < highest) reordered++;
        else highest = seq;
        if (seq >= firstMeasuredSeq) {
            measured++;
            fromScheduled.recordValue(clamp(receivedNanos - scheduledNanos));
            fromSent.recordValue(clamp(receivedNanos - sentNanos));
        }
        received++;
    }

    private static long clamp(long nanos) { return Math.max(0, Math.min(HIGHEST_NANOS, nanos)); }

    long received() { return received; }

    synchronized long measured() { return measured; }
    synchronized long reordered() { return reordered; }
    synchronized long duplicates() { return duplicates; }

    synchronized void addTo(Histogram scheduled, Histogram sent) {
        scheduled.add(fromScheduled);
        sent.add(fromSent);
    }
}
