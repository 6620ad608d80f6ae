package clasp.examples.lfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LfoSettingsTest {
    @Test
    void theDefaults() {
        LfoSettings s = LfoSettings.from(new TestConfig());
        assertEquals("/lfo", s.prefix());
        assertEquals(30.0, s.rateHz());
        assertEquals(0.5, s.frequencyHz());
        assertEquals(List.of(Waveform.values()), s.waveforms());
        assertFalse(s.stream());
        assertEquals(List.of(), s.problems());
    }

    @Test
    void waveformsFromACfgFileAreOneCommaSeparatedString() {
        TestConfig c = new TestConfig();
        c.waveforms = new String[] {"saw, sine,,SAW"};
        assertEquals(List.of(Waveform.SAW, Waveform.SINE), LfoSettings.from(c).waveforms());
    }

    @Test
    void unknownWaveformsAreIgnoredAndNamed() {
        TestConfig c = new TestConfig();
        c.waveforms = new String[] {"sine", "noise"};
        LfoSettings s = LfoSettings.from(c);
        assertEquals(List.of(Waveform.SINE), s.waveforms());
        assertEquals(List.of("unknown waveform 'noise' ignored"), s.problems());

        c.waveforms = new String[] {"noise"};
        assertEquals(List.of(Waveform.values()), LfoSettings.from(c).waveforms());
    }

    @Test
    void ratesOutOfRangeAreCorrected() {
        TestConfig c = new TestConfig();
        c.rateHz = 0;
        assertEquals(30.0, LfoSettings.from(c).rateHz());
        c.rateHz = Double.NaN;
        assertEquals(30.0, LfoSettings.from(c).rateHz());
        c.rateHz = 5000;
        LfoSettings s = LfoSettings.from(c);
        assertEquals(1000.0, s.rateHz());
        assertEquals(List.of("rateHz 5000 is above 1000, using 1000"), s.problems());
    }

    @Test
    void theFrequencyIsClampedToHalfTheRate() {
        TestConfig c = new TestConfig();
        c.rateHz = 20;
        c.frequencyHz = 15;
        LfoSettings s = LfoSettings.from(c);
        assertEquals(10.0, s.frequencyHz());
        assertEquals(List.of("frequencyHz 15 is outside 0..10, using 10"), s.problems());
        assertEquals(0.0, s.clampFrequency(-1));
        assertEquals(0.0, s.clampFrequency(Double.NaN));
        assertEquals(2.5, s.clampFrequency(2.5));
        assertEquals(10.0, s.clampFrequency(Double.POSITIVE_INFINITY));
    }

    @Test
    void thePrefixIsNormalised() {
        TestConfig c = new TestConfig();
        c.prefix = "studio/lfo/";
        assertEquals("/studio/lfo", LfoSettings.from(c).prefix());
        c.prefix = "/";
        assertEquals("", LfoSettings.from(c).prefix());
        c.prefix = "/a//b";
        LfoSettings s = LfoSettings.from(c);
        assertEquals("/lfo", s.prefix());
        assertTrue(s.problems().get(0).startsWith("prefix '/a//b' is no address"));
    }

    @Test
    void signalIsParamOrStream() {
        TestConfig c = new TestConfig();
        c.signal = "Stream";
        assertTrue(LfoSettings.from(c).stream());
        c.signal = "event";
        LfoSettings s = LfoSettings.from(c);
        assertFalse(s.stream());
        assertEquals(List.of("signal 'event' is neither param nor stream, using param"), s.problems());
    }

    @Test
    void hertzReadAsWritten() {
        assertEquals("30", LfoSettings.hz(30.0));
        assertEquals("0.5", LfoSettings.hz(0.5));
        assertEquals("1000", LfoSettings.hz(1000));
    }
}
