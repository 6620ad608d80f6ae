package clasp.router.internal.stream;

import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.message.PublishMessage;
import java.util.Arrays;

/** The samples one window has collected for one stream address, and the PUBLISH (samples form) that carries them. */
final class SampleWindow {
    /** The samples form's u16 count: a window this full leaves at once. */
    static final int MAX_SAMPLES = 65_535;

    private double[] samples = new double[16];
    private int size;
    private Long timestamp;   // the window's first sample's

    boolean isEmpty() { return size == 0; }

    boolean isFull() { return size == MAX_SAMPLES; }

    void add(double sample, Long sampleTimestamp) {
        if (size == 0) timestamp = sampleTimestamp;
        if (size == samples.length) samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, size * 2));
        samples[size++] = sample;
    }

    /** One stream PUBLISH with every sample collected, stamped with the first one's timestamp; empties the window. */
    PublishMessage drain(String address) {
        PublishMessage m = new PublishMessage(address, SignalType.STREAM, null, Arrays.copyOf(samples, size),
                timestamp, null, GesturePhase.START, null);
        size = 0;
        timestamp = null;
        if (samples.length > 1024) samples = new double[16];   // a burst's buffer is not kept
        return m;
    }
}
