package clasp.examples.lfo.internal;

import java.lang.annotation.Annotation;

/** A configuration as DS would build it from properties; fields start at the annotation's defaults. */
final class TestConfig implements LfoBridgeConfig {
    String id = "";
    String prefix = "/lfo";
    double rateHz = 30;
    double frequencyHz = 0.5;
    String[] waveforms = {"sine", "triangle", "square", "saw"};
    String signal = "param";

    @Override public String clasp_bridge_id() { return id; }
    @Override public String prefix() { return prefix; }
    @Override public double rateHz() { return rateHz; }
    @Override public double frequencyHz() { return frequencyHz; }
    @Override public String[] waveforms() { return waveforms; }
    @Override public String signal() { return signal; }
    @Override public Class<? extends Annotation> annotationType() { return LfoBridgeConfig.class; }
}
