package clasp.bridge.dmx.internal;

import clasp.api.Address;
import clasp.bridge.support.LinearScale;
import clasp.bridge.support.dmx.SlotAddress;
import clasp.bridge.support.dmx.SlotValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One instance's configuration, checked. A problem leaves the bridge unable to work as configured and is
 * {@link #fatal()}: the instance then fails, naming every problem. Immutable.
 */
record DmxSettings(String path, InterfaceType type, int universe, String namespace, int slots, int refreshHz,
                   int breakMicros, int mabMicros, InputMode input, int inputUniverse, SlotValues values,
                   int reopenIntervalMillis, String fatal) {
    static final int MAX_UNIVERSE = 32_767;

    enum InterfaceType {
        ENTTEC_PRO("enttec-pro"), OPEN_DMX("open-dmx");

        final String label;

        InterfaceType(String label) { this.label = label; }
    }

    /** What the widget reports of its DMX input (label 8's receive mode). */
    enum InputMode { OFF, ALWAYS, CHANGES }

    static DmxSettings from(DmxBridgeConfig config) {
        List<String> problems = new ArrayList<>();
        String path = config.port() == null ? "" : config.port().trim();
        if (path.isEmpty()) problems.add("port must name the serial device's path, e.g. port=/dev/ttyUSB0");

        InterfaceType type = null;
        String typeName = config.interfaceType().trim().toLowerCase(Locale.ROOT);
        for (InterfaceType t : InterfaceType.values()) if (t.label.equals(typeName)) type = t;
        if (type == null) problems.add("interfaceType must be enttec-pro or open-dmx, is " + config.interfaceType());

        InputMode input = null;
        String inputName = config.input().trim().toLowerCase(Locale.ROOT);
        for (InputMode m : InputMode.values()) if (m.name().toLowerCase(Locale.ROOT).equals(inputName)) input = m;
        if (input == null) problems.add("input must be off, always or changes, is " + config.input());
        if (input != null && input != InputMode.OFF) {
            if (type == InterfaceType.OPEN_DMX) problems.add("an open-dmx interface has no DMX input: input must be off");
            if (config.inputUniverse() == config.universe()) {
                problems.add("inputUniverse must differ from universe (" + config.universe() + ")");
            }
        }

        String namespace = config.namespace().trim();
        String namespaceProblem = namespace.isEmpty() || namespace.endsWith("/") ? "must be /name (no trailing /)"
                : Address.problem(namespace);
        if (namespaceProblem == null && (namespace.contains("*"))) namespaceProblem = "must not contain wildcards";
        if (namespaceProblem != null) problems.add("namespace " + namespace + ": " + namespaceProblem);

        range(problems, "universe", config.universe(), 0, MAX_UNIVERSE);
        range(problems, "inputUniverse", config.inputUniverse(), 0, MAX_UNIVERSE);
        range(problems, "slots", config.slots(), 1, SlotAddress.SLOTS);
        range(problems, "refreshHz", config.refreshHz(), 1, 44);
        range(problems, "breakMicros", config.breakMicros(), 88, 1_000_000);
        range(problems, "mabMicros", config.mabMicros(), 8, 1_000_000);
        if (config.reopenIntervalMillis() < 10) {
            problems.add("reopenIntervalMillis must be at least 10, is " + config.reopenIntervalMillis());
        }

        LinearScale scale = null;
        try {
            scale = LinearScale.configured(config.scale(), config.offset(), 0, 255);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new DmxSettings(path, type, config.universe(), namespace, config.slots(), config.refreshHz(),
                config.breakMicros(), config.mabMicros(), input, config.inputUniverse(),
                new SlotValues(config.normalize(), scale), config.reopenIntervalMillis(),
                problems.isEmpty() ? null : "invalid configuration: " + String.join("; ", problems));
    }

    private static void range(List<String> problems, String name, int value, int min, int max) {
        if (value < min || value > max) problems.add(name + " must be " + min + "-" + max + ", is " + value);
    }

    /** The CLASP address of a slot of the input universe. */
    String inputAddress(int slot) {
        return namespace + '/' + inputUniverse + '/' + slot;
    }

    /** The nanoseconds between two frames. */
    long periodNanos() {
        return 1_000_000_000L / refreshHz;
    }
}
