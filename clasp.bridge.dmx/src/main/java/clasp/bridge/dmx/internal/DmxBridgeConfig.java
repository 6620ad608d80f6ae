package clasp.bridge.dmx.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one DMX bridge instance (factory PID {@value DmxBridge#PID}). */
@ObjectClassDefinition(
        name = "CLASP DMX bridge",
        description = "Drives one DMX-512 universe through a USB serial interface: SETs of <namespace>/<universe>/<channel> "
                + "(or <namespace>/<channel>) set slot values, and the whole universe is sent refreshHz times a second on "
                + "a thread of its own. An ENTTEC DMX USB Pro can also report its DMX input as SETs. The port is reopened "
                + "when the device is unplugged and comes back. A change re-creates the instance.")
public @interface DmxBridgeConfig {

    @AttributeDefinition(name = "clasp.bridge.id", description = "The instance id, unique among bridges; it also names the "
            + "bridge's threads (clasp-bridge-dmx-<id>-writer, clasp-bridge-dmx-<id>-reader). Default: the configuration's name.")
    String clasp_bridge_id() default "";

    @AttributeDefinition(description = "Path of the serial device, e.g. /dev/ttyUSB0, or better a /dev/serial/by-id/... "
            + "link, which stays the same when the interface is plugged into another USB socket. Required.")
    String port() default "";

    @AttributeDefinition(description = "enttec-pro: an ENTTEC DMX USB Pro (or a widget speaking its framing), which makes "
            + "the DMX signal itself and can receive DMX. open-dmx: an ENTTEC Open DMX USB or another plain FTDI "
            + "interface; the bridge makes the signal (250000 baud 8N2, break and mark-after-break timed by the host).",
            options = {
                    @Option(label = "enttec-pro", value = "enttec-pro"),
                    @Option(label = "open-dmx", value = "open-dmx")})
    String interfaceType() default "enttec-pro";

    @AttributeDefinition(description = "The universe number in this bridge's addresses, 0-32767: SETs of "
            + "<namespace>/<universe>/<channel> drive the output. A label only: the interface has one DMX output.",
            min = "0", max = "32767")
    int universe() default 0;

    @AttributeDefinition(description = "The CLASP address prefix: <namespace>/<universe>/<channel>, channel 1-512, and "
            + "<namespace>/<channel> for the configured universe.")
    String namespace() default "/dmx";

    @AttributeDefinition(description = "Slots sent in each frame, 1-512 (channels above are not sent). An ENTTEC Pro "
            + "is always sent at least 24, as the widget requires. Fewer slots make an Open DMX frame shorter.",
            min = "1", max = "512")
    int slots() default 512;

    @AttributeDefinition(description = "Frames sent per second, 1-44, changed or not: an Open DMX interface is "
            + "refreshed continuously; an ENTTEC Pro gets the current look at this rate and repeats the last one itself "
            + "(its own output rate is set to this too, at most 40). A 512-slot Open DMX frame takes about 23 ms on the "
            + "line, so about 43 frames per second at most.", min = "1", max = "44")
    int refreshHz() default 40;

    @AttributeDefinition(description = "Length of the break before each frame, in microseconds (DMX-512: at least 88). "
            + "Open DMX: held by the host for at least this long. ENTTEC Pro: sent to the widget at open, rounded up to "
            + "its 10.67 µs steps (96-1355 µs).", min = "88", max = "1000000")
    int breakMicros() default 176;

    @AttributeDefinition(description = "Length of the mark after break, in microseconds (DMX-512: at least 8). Open DMX: "
            + "held by the host for at least this long. ENTTEC Pro: sent to the widget at open, rounded up to its "
            + "10.67 µs steps (11-1355 µs).", min = "8", max = "1000000")
    int mabMicros() default 12;

    @AttributeDefinition(description = "ENTTEC Pro only, its DMX input: off; always (the widget reports every frame it "
            + "receives); changes (it reports only the slots that changed). Received slots that changed become SETs of "
            + "<namespace>/<inputUniverse>/<channel>.",
            options = {
                    @Option(label = "off", value = "off"),
                    @Option(label = "always", value = "always"),
                    @Option(label = "changes", value = "changes")})
    String input() default "off";

    @AttributeDefinition(description = "The universe number of the received DMX in addresses, 0-32767; it must differ "
            + "from universe.", min = "0", max = "32767")
    int inputUniverse() default 1;

    @AttributeDefinition(description = "Received slot values as Floats 0.0-1.0 (value / 255) instead of Ints 0-255 "
            + "(when scale and offset are left at 1 and 0).")
    boolean normalize() default false;

    @AttributeDefinition(description = "Mapping without code: slot = round(value x scale + offset), clamped to 0-255, "
            + "and a received slot becomes (slot - offset) / scale. 1 with offset 0: Ints clamped to 0-255, Floats "
            + "0.0-1.0 as round(v x 255), true 255, false 0. 255: a fader at 0.0-1.0 gives 0-255.")
    double scale() default 1;

    @AttributeDefinition(description = "See scale: added after scaling (e.g. scale -255 with offset 255 inverts a fader).")
    double offset() default 0;

    @AttributeDefinition(description = "While the device is absent (not plugged in, unplugged, busy), the port is tried "
            + "again every this many milliseconds.", min = "10")
    int reopenIntervalMillis() default 1000;

    @AttributeDefinition(name = "clasp.bridge.scopes", description = "Scopes the bridge's session is granted, e.g. "
            + "read:/dmx/**, write:/dmx/1/**; empty: all (admin:/**). The router's authoriser decides every write "
            + "and subscribe of the bridge with them.")
    String[] clasp_bridge_scopes() default {};
}
