package clasp.examples.lfo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The configuration of one LFO bridge instance (factory PID {@code clasp.bridge.lfo}). DS maps each method to
 * the property of the same name ({@code clasp_bridge_id} to {@code clasp.bridge.id}); bnd writes the metatype
 * description from it, which shell and web console use to list and check the keys.
 */
@ObjectClassDefinition(name = "CLASP LFO bridge",
        description = "Low-frequency oscillators: publishes <prefix>/<id>/sine, triangle, square and saw at a fixed rate; "
                + "clients change the oscillator frequency by writing <prefix>/<id>/rate")
@interface LfoBridgeConfig {
    @AttributeDefinition(name = "Instance id", required = false,
            description = "clasp.bridge.id: the instance id, also the address segment after the prefix; empty: the configuration's name")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "Address prefix, e.g. /lfo")
    String prefix() default "/lfo";

    @AttributeDefinition(description = "Values per waveform per second, 0 < rateHz <= 1000")
    double rateHz() default 30;

    @AttributeDefinition(description = "Oscillator frequency in Hz at start, 0 <= frequencyHz <= rateHz / 2; clients change it through <prefix>/<id>/rate")
    double frequencyHz() default 0.5;

    @AttributeDefinition(description = "Waveforms to publish: sine, triangle, square, saw (a list, or one comma-separated value)")
    String[] waveforms() default {"sine", "triangle", "square", "saw"};

    @AttributeDefinition(description = "param: SET the values (stored, late joiners get the latest); stream: PUBLISH stream samples",
            options = {@Option(label = "param (SET)", value = "param"), @Option(label = "stream (PUBLISH)", value = "stream")})
    String signal() default "param";
}
