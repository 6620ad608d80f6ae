package clasp.examples.lfo.internal;

import java.util.Locale;

/**
 * The four oscillator shapes, each a function of the phase (0 ≤ phase &lt; 1, one cycle) with values in [-1, 1].
 * Sine, triangle and saw start at 0 rising, so the four line up: at phase 0.25 sine and triangle peak at 1.
 */
enum Waveform {
    SINE {
        /* Folded into its first quadrant so that 0, ±1 come out exact at the quarter points (Math.sin(Math.PI) is 1.2e-16). */
        @Override double at(double phase) {
            double q = phase * 4;
            int quadrant = (int) q;
            double angle = (q - quadrant) * (Math.PI / 2);
            double v;
            switch (quadrant) {
                case 0: v = Math.sin(angle); break;
                case 1: v = Math.cos(angle); break;
                case 2: v = -Math.sin(angle); break;
                default: v = -Math.cos(angle); break;
            }
            return v + 0.0; // -0.0 becomes 0.0: CLASP float values compare by bits
        }
    },
    TRIANGLE {
        @Override double at(double phase) {
            if (phase < 0.25) return 4 * phase;
            if (phase < 0.75) return 2 - 4 * phase;
            return 4 * phase - 4;
        }
    },
    SQUARE {
        @Override double at(double phase) {
            return phase < 0.5 ? 1 : -1;
        }
    },
    SAW {
        @Override double at(double phase) {
            return phase < 0.5 ? 2 * phase : 2 * phase - 2;
        }
    };

    /** The value at {@code phase}, 0 ≤ phase &lt; 1. */
    abstract double at(double phase);

    /** The last segment of the waveform's address, e.g. {@code sine}. */
    String segment() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The waveform named {@code name} (any case, surrounding blanks ignored), or null. */
    static Waveform named(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        for (Waveform w : values()) {
            if (w.name().equals(n)) return w;
        }
        return null;
    }
}
