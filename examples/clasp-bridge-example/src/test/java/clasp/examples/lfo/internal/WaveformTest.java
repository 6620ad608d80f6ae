package clasp.examples.lfo.internal;

import static clasp.examples.lfo.internal.Waveform.SAW;
import static clasp.examples.lfo.internal.Waveform.SINE;
import static clasp.examples.lfo.internal.Waveform.SQUARE;
import static clasp.examples.lfo.internal.Waveform.TRIANGLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaveformTest {
    private static final double[] EIGHTHS = {0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875};

    @Test
    void sineIsExactAtTheQuarterPoints() {
        // assertEquals on doubles compares exactly (by bits but for NaN), so 0.0 here is not 1.2e-16 nor -0.0.
        assertEquals(0.0, SINE.at(0));
        assertEquals(1.0, SINE.at(0.25));
        assertEquals(0.0, SINE.at(0.5));
        assertEquals(-1.0, SINE.at(0.75));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(SINE.at(0.5)), "no -0.0");
    }

    @Test
    void sineBetweenTheQuarterPoints() {
        double half = Math.sqrt(0.5);
        assertEquals(half, SINE.at(0.125), 1e-15);
        assertEquals(half, SINE.at(0.375), 1e-15);
        assertEquals(-half, SINE.at(0.625), 1e-15);
        assertEquals(-half, SINE.at(0.875), 1e-15);
        assertEquals(0.5, SINE.at(1.0 / 12), 1e-15);
        for (int i = 0; i < 1000; i++) {
            double p = i / 1000.0;
            assertEquals(Math.sin(2 * Math.PI * p), SINE.at(p), 1e-14, "phase " + p);
        }
    }

    @Test
    void triangleSquareAndSawAtEveryEighth() {
        double[] triangle = {0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5};
        double[] square = {1, 1, 1, 1, -1, -1, -1, -1};
        double[] saw = {0, 0.25, 0.5, 0.75, -1, -0.75, -0.5, -0.25};
        for (int i = 0; i < EIGHTHS.length; i++) {
            assertEquals(triangle[i], TRIANGLE.at(EIGHTHS[i]), "triangle at " + EIGHTHS[i]);
            assertEquals(square[i], SQUARE.at(EIGHTHS[i]), "square at " + EIGHTHS[i]);
            assertEquals(saw[i], SAW.at(EIGHTHS[i]), "saw at " + EIGHTHS[i]);
        }
    }

    @Test
    void everyWaveformStaysWithinMinusOneAndOne() {
        for (Waveform w : Waveform.values()) {
            for (int i = 0; i < 10_000; i++) {
                double v = w.at(i / 10_000.0);
                assertTrue(v >= -1 && v <= 1, w + " at " + i / 10_000.0 + " is " + v);
            }
            assertTrue(w.at(Math.nextDown(1.0)) >= -1, w + " just before the cycle ends");
        }
    }

    @Test
    void namesAreTheAddressSegments() {
        assertEquals("sine", SINE.segment());
        assertEquals("triangle", TRIANGLE.segment());
        assertEquals("square", SQUARE.segment());
        assertEquals("saw", SAW.segment());
        assertEquals(SAW, Waveform.named(" Saw "));
        assertNull(Waveform.named("noise"));
    }
}
