package clasp.client.internal;

import clasp.client.ClockStats;

/**
 * The router clock as seen through SYNC exchanges: each sample gives offset {@code ((t2 - t1) + (t3 - t4)) / 2} and
 * round trip {@code (t4 - t1) - (t3 - t2)}; the last {@value #WINDOW} are kept, and the offset of the one with the
 * smallest round trip (the least queueing) is used. Written on the event loop; {@link #offset()} and
 * {@link #stats()} are read from any thread.
 */
public final class ClockSync {
    public static final int WINDOW = 10;

    private final long[] offsets = new long[WINDOW];   // event loop only
    private final long[] rtts = new long[WINDOW];
    private int count;
    private int next;
    private volatile ClockStats stats = new ClockStats(0, -1, -1, 0);

    /** The offset from WELCOME's time until the first sample. */
    public void welcome(long serverMicros, long localMicros) {
        if (count == 0) stats = new ClockStats(serverMicros - localMicros, -1, -1, 0);
    }

    public void sample(long t1, long t2, long t3, long t4) {
        offsets[next] = ((t2 - t1) + (t3 - t4)) / 2;
        rtts[next] = Math.max(0, (t4 - t1) - (t3 - t2));
        next = (next + 1) % WINDOW;
        count = Math.min(WINDOW, count + 1);
        int best = 0;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            if (rtts[i] < rtts[best]) best = i;
            sum += rtts[i];
        }
        double mean = sum / count;
        double squares = 0;
        for (int i = 0; i < count; i++) squares += (rtts[i] - mean) * (rtts[i] - mean);
        stats = new ClockStats(offsets[best], Math.round(mean), Math.round(Math.sqrt(squares / count)), count);
    }

    public long offset() { return stats.offsetMicros(); }

    public ClockStats stats() { return stats; }
}
