package clasp.bench.load;

import java.nio.ByteBuffer;

/**
 * The payload of every load message, 24 bytes big-endian: sequence number, scheduled send time and actual send
 * time, both {@link System#nanoTime()} of this process (publisher and subscribers share the clock).
 */
public final class Probe {
    public static final int BYTES = 24;

    private Probe() { }

    public static byte[] encode(long seq, long scheduledNanos, long sentNanos) {
        return ByteBuffer.allocate(BYTES).putLong(seq).putLong(scheduledNanos).putLong(sentNanos).array();
    }

    /** Receives the probes a subscriber gets; called on the subscriber's event loop. */
    public interface Sink {
        Sink NONE = (receivedNanos, seq, scheduledNanos, sentNanos) -> { };

        void delivered(long receivedNanos, long seq, long scheduledNanos, long sentNanos);
    }
}
