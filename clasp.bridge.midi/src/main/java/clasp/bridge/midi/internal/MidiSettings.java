package clasp.bridge.midi.internal;

import clasp.api.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One instance's configuration, checked. A problem that leaves the bridge unable to work as configured (bad
 * namespace, device name, pattern, option value) is {@link #fatal()}: the instance then fails with that reason.
 * Immutable.
 */
record MidiSettings(String base, PortPattern input, PortPattern output, MidiValues values, boolean cc14,
                    MidiToClasp.Clock clock, int rescanSeconds, int maxSysexBytes, String fatal) {
    static final String DEFAULT_DEVICE = "default";

    static MidiSettings from(MidiBridgeConfig config) {
        List<String> problems = new ArrayList<>();
        String namespace = config.namespace().trim();
        if (!namespace.isEmpty()) {
            String problem = Address.problem(namespace);
            if (problem != null) problems.add("namespace: " + problem);
            else if (namespace.endsWith("/") || namespace.indexOf('*') >= 0) {
                problems.add("namespace must not end with '/' or hold '*': " + namespace);
            }
        }
        PortPattern input = pattern("inputDevice", config.inputDevice(), problems);
        PortPattern output = pattern("outputDevice", config.outputDevice(), problems);
        if (input.none() && output.none()) problems.add("inputDevice and outputDevice are both none");

        String device = config.device().trim();
        if (device.isEmpty()) device = defaultDevice(input, output);
        else if (device.indexOf('/') >= 0 || device.indexOf('*') >= 0) {
            problems.add("device must be one address segment without '/' or '*': " + device);
        }

        MidiValues values = new MidiValues(config.normalize(), 1, 0);
        try {
            values = new MidiValues(config.normalize(), config.scale(), config.offset());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        MidiToClasp.Clock clock = MidiToClasp.Clock.BEATS;
        try {
            clock = MidiToClasp.Clock.valueOf(config.clock().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("clock must be beats, all or off, is " + config.clock());
        }
        if (config.rescanSeconds() < 1 || config.rescanSeconds() > 3600) {
            problems.add("rescanSeconds must be 1-3600, is " + config.rescanSeconds());
        }
        if (config.maxSysexBytes() < 2) problems.add("maxSysexBytes must be at least 2, is " + config.maxSysexBytes());
        return new MidiSettings(namespace + "/" + device, input, output, values, config.cc14(), clock,
                config.rescanSeconds(), config.maxSysexBytes(),
                problems.isEmpty() ? null : "invalid configuration: " + String.join("; ", problems));
    }

    /** The input's plain pattern (or the output's) as an address segment: "Launchpad Mini" -> launchpad-mini. */
    static String defaultDevice(PortPattern input, PortPattern output) {
        String text = input.plainText() != null ? input.plainText() : output.plainText();
        if (text == null) return DEFAULT_DEVICE;
        String segment = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return segment.isEmpty() ? DEFAULT_DEVICE : segment;
    }

    private static PortPattern pattern(String name, String text, List<String> problems) {
        try {
            return PortPattern.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(name + ": " + e.getMessage());
            return PortPattern.parse(PortPattern.NONE);
        }
    }

    MidiToClasp toClasp() {
        return new MidiToClasp(base, values, cc14, clock, maxSysexBytes);
    }

    ClaspToMidi toMidi() {
        return new ClaspToMidi(base, values, cc14, maxSysexBytes);
    }
}
