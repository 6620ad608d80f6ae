package clasp.examples.lfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OscillatorTest {
    @Test
    void thePhaseAdvancesByFrequencyTimesTime() {
        Oscillator o = new Oscillator(0.5);
        assertEquals(0.0, o.phase());
        o.advance(0.5);                        // a quarter cycle at 0.5 Hz
        assertEquals(0.25, o.phase());
        assertEquals(1.0, o.value(Waveform.SINE));
        assertEquals(1.0, o.value(Waveform.TRIANGLE));
        assertEquals(1.0, o.value(Waveform.SQUARE));
        assertEquals(0.5, o.value(Waveform.SAW));
        o.advance(1.0);
        assertEquals(0.75, o.phase());
        assertEquals(-1.0, o.value(Waveform.SINE));
    }

    @Test
    void thePhaseWrapsAroundAfterEveryCycle() {
        Oscillator o = new Oscillator(2);
        o.advance(0.5);                        // exactly one cycle
        assertEquals(0.0, o.phase());
        o.advance(1.375);                      // 2.75 cycles
        assertEquals(0.75, o.phase());
    }

    @Test
    void aNewFrequencyContinuesFromTheCurrentPhase() {
        Oscillator o = new Oscillator(0.5);
        o.advance(0.5);
        o.frequencyHz(2);
        assertEquals(0.25, o.phase(), "no jump");
        o.advance(0.125);                      // a quarter cycle at 2 Hz
        assertEquals(0.5, o.phase());
        assertEquals(0.0, o.value(Waveform.SINE));
        assertEquals(-1.0, o.value(Waveform.SQUARE));
    }

    @Test
    void atZeroHertzTheValuesStand() {
        Oscillator o = new Oscillator(0);
        o.advance(10);
        assertEquals(0.0, o.phase());
    }
}
