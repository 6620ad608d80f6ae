package clasp.examples.lfo.internal;

import clasp.api.Address;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance's configuration, checked: every value is in range, and what had to be corrected is listed in
 * {@link #problems}, which the bridge shows in its status detail (an admin sees it in {@code clasp.bridge:list}).
 *
 * @param prefix      address prefix, starting with '/', without a trailing '/' ("" for the root)
 * @param rateHz      values per waveform per second, 0 &lt; rateHz ≤ {@link #MAX_RATE_HZ}
 * @param frequencyHz oscillator frequency at start, 0 ≤ frequencyHz ≤ rateHz / 2
 * @param waveforms   the waveforms to publish, in configuration order, at least one, no duplicates
 * @param stream      true: PUBLISH stream samples; false: SET params
 * @param problems    what the configuration got wrong and what was used instead; empty when nothing
 */
record LfoSettings(String prefix, double rateHz, double frequencyHz, List<Waveform> waveforms, boolean stream,
                   List<String> problems) {
    static final String DEFAULT_PREFIX = "/lfo";
    static final double DEFAULT_RATE_HZ = 30;
    static final double MAX_RATE_HZ = 1000;

    LfoSettings {
        waveforms = List.copyOf(waveforms);
        problems = List.copyOf(problems);
    }

    static LfoSettings from(LfoBridgeConfig config) {
        List<String> problems = new ArrayList<>();

        String prefix = config.prefix() == null ? "" : config.prefix().trim();
        while (prefix.endsWith("/")) prefix = prefix.substring(0, prefix.length() - 1);
        if (!prefix.isEmpty() && !prefix.startsWith("/")) prefix = "/" + prefix;
        if (!Address.isValid(prefix + "/x") || prefix.contains("*")) {
            problems.add("prefix '" + config.prefix() + "' is no address, using " + DEFAULT_PREFIX);
            prefix = DEFAULT_PREFIX;
        }

        double rate = config.rateHz();
        if (!(rate > 0) || Double.isInfinite(rate)) {   // also NaN
            problems.add("rateHz " + config.rateHz() + " is not positive, using " + hz(DEFAULT_RATE_HZ));
            rate = DEFAULT_RATE_HZ;
        } else if (rate > MAX_RATE_HZ) {
            problems.add("rateHz " + hz(rate) + " is above " + hz(MAX_RATE_HZ) + ", using " + hz(MAX_RATE_HZ));
            rate = MAX_RATE_HZ;
        }

        double frequency = config.frequencyHz();
        double clamped = clampFrequency(frequency, rate);
        if (Double.isNaN(frequency)) {
            problems.add("frequencyHz is not a number, using 0");
        } else if (clamped != frequency) {
            problems.add("frequencyHz " + hz(frequency) + " is outside 0.." + hz(rate / 2) + ", using " + hz(clamped));
        }

        List<Waveform> waveforms = new ArrayList<>();
        for (String entry : config.waveforms() == null ? new String[0] : config.waveforms()) {
            for (String name : entry.split(",")) {      // etc/*.cfg files hold lists as one comma-separated string
                if (name.isBlank()) continue;
                Waveform w = Waveform.named(name);
                if (w == null) {
                    problems.add("unknown waveform '" + name.trim() + "' ignored");
                } else if (!waveforms.contains(w)) {
                    waveforms.add(w);
                }
            }
        }
        if (waveforms.isEmpty()) {
            problems.add("no waveform configured, using all four");
            waveforms.addAll(List.of(Waveform.values()));
        }

        String signal = config.signal() == null ? "" : config.signal().trim();
        boolean stream = signal.equalsIgnoreCase("stream");
        if (!stream && !signal.equalsIgnoreCase("param")) {
            problems.add("signal '" + signal + "' is neither param nor stream, using param");
        }
        return new LfoSettings(prefix, rate, clamped, waveforms, stream, problems);
    }

    /** {@code hz} within 0..rateHz/2: above half the rate, the samples no longer show the waveform. NaN gives 0. */
    double clampFrequency(double hz) {
        return clampFrequency(hz, rateHz);
    }

    private static double clampFrequency(double hz, double rateHz) {
        if (Double.isNaN(hz) || hz < 0) return 0;
        return Math.min(hz, rateHz / 2);
    }

    /** A number of Hz as an admin writes it: 30, not 30.0; 0.5. */
    static String hz(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
