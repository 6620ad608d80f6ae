package clasp.examples.lfo.internal;

/**
 * A phase accumulator: the phase advances by frequency × elapsed time, so a change of frequency keeps the
 * waveforms continuous (no jump), and a late tick catches up instead of slowing the oscillator down.
 * Not thread-safe: the bridge uses it on its strand only, one call at a time.
 */
final class Oscillator {
    private double frequencyHz;
    private double phase;

    Oscillator(double frequencyHz) {
        this.frequencyHz = frequencyHz;
    }

    double frequencyHz() {
        return frequencyHz;
    }

    void frequencyHz(double hz) {
        frequencyHz = hz;
    }

    /** The phase in cycles, 0 ≤ phase &lt; 1. */
    double phase() {
        return phase;
    }

    /** Moves the phase on by {@code seconds} at the current frequency. */
    void advance(double seconds) {
        double p = phase + frequencyHz * seconds;
        phase = p - Math.floor(p);
        if (phase >= 1) phase = 0; // p a hair below a large whole number
    }

    double value(Waveform waveform) {
        return waveform.at(phase);
    }
}
