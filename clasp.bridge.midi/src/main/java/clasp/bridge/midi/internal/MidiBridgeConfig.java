package clasp.bridge.midi.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one MIDI bridge instance (factory PID {@value MidiBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP MIDI bridge",
        description = "Links the router to a MIDI input and output port through Java Sound: notes, controllers, "
                + "program, pressure, bend, SysEx, clock, transport, song position and MIDI time code arrive under "
                + "<namespace>/<device> (channels 1-16), and writes to the same addresses go out as MIDI. Ports are "
                + "chosen by name and attached again when they reappear. A change re-creates the instance.")
public @interface MidiBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges. Default: the "
            + "configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "The input port, by name: text the port's name contains (case-insensitive, e.g. "
            + "launchpad), regex:<expression> for a regular expression the name matches (case-insensitive), empty for "
            + "the first input port, none for no input. Synthesizers and sequencers are never chosen.")
    String inputDevice() default "";

    @AttributeDefinition(description = "The output port, by name, as inputDevice (none: no output).")
    String outputDevice() default "";

    @AttributeDefinition(description = "The address segment after the namespace, B = <namespace>/<device>. Default: "
            + "inputDevice's text (or outputDevice's) in lower case with every run of other characters than a-z and "
            + "0-9 made one '-' (Launchpad Mini -> launchpad-mini); default when both are empty, none or a regex.")
    String device() default "";

    @AttributeDefinition(description = "The CLASP address prefix of this bridge's addresses, both ways. Empty: none.")
    String namespace() default "/midi";

    @AttributeDefinition(description = "Levels (velocities, controller values, pressures) as Floats 0.0-1.0 instead of "
            + "Ints 0-127, 14-bit controllers 0.0-1.0 instead of 0-16383, and pitch bend -1.0...+1.0 instead of "
            + "-8192...8191, both ways. Program numbers, note numbers and song positions stay Ints.")
    boolean normalize() default false;

    @AttributeDefinition(description = "Outbound, a level is sent as round(value x scale + offset), clamped to 0-127; "
            + "inbound it arrives as (level - offset) / scale, a Float: scale 127 lets a 0.0-1.0 fader drive a "
            + "controller, scale -127 with offset 127 inverts it. 14-bit controllers follow the same mapping at 14-bit "
            + "resolution; pitch bend is not scaled. Scale 1 with offset 0: the mapping normalize chooses. Not 0.")
    double scale() default 1;

    @AttributeDefinition(description = "The offset of the scale, in MIDI levels (0-127).")
    double offset() default 0;

    @AttributeDefinition(description = "14-bit controllers: controller n (0-31) is the MSB and n+32 the LSB of one value "
            + "0-16383 at <B>/ch/<c>/cc/<n>; an MSB is written at once as MSB x 128, an LSB as the last MSB x 128 + LSB. "
            + "Outbound such a value goes out as MSB then LSB.")
    boolean cc14() default false;

    @AttributeDefinition(description = "MIDI clock (24 per quarter note) inbound: beats publishes an event <B>/beat with "
            + "the beat number once every 24 clocks while the transport runs; all publishes a stream sample <B>/clock "
            + "for every clock; off drops clocks. Outbound, <B>/clock always sends one clock.",
            options = {
                    @Option(label = "beats", value = "beats"),
                    @Option(label = "all", value = "all"),
                    @Option(label = "off", value = "off")})
    String clock() default "beats";

    @AttributeDefinition(description = "Seconds between looks at the ports present: a port that went away is let go, "
            + "and one that matches is attached.", min = "1", max = "3600")
    int rescanSeconds() default 2;

    @AttributeDefinition(description = "Largest SysEx message in bytes (F0 and F7 included), both ways; a larger one is "
            + "counted as malformed (inbound) or dropped (outbound).", min = "2")
    int maxSysexBytes() default 65_536;

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "write:/midi/**, read:/midi/**; empty: all (admin:/**). The router's authoriser decides every write "
            + "and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
