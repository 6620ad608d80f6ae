package clasp.transport.serial.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the serial transport (PID {@value SerialTransport#PID}): one instance per port. */
@ObjectClassDefinition(
        name = "CLASP serial transport",
        description = "CLASP frames over one serial port, SLIP-framed (RFC 1055): one router session per port.")
public @interface SerialTransportConfig {

    @AttributeDefinition(description = "The serial device's path, e.g. /dev/ttyUSB0, /dev/serial/by-id/... or a pty "
            + "link; opened by path (ptys are never listed by the system, so a path is always needed).")
    String port() default "";

    @AttributeDefinition(description = "Line speed in bits per second.", min = "1")
    int baudRate() default 115200;

    @AttributeDefinition(description = "Data bits per character.", min = "5", max = "8")
    int dataBits() default 8;

    @AttributeDefinition(description = "Parity bit.", options = {
            @Option(label = "none", value = "none"), @Option(label = "odd", value = "odd"),
            @Option(label = "even", value = "even"), @Option(label = "mark", value = "mark"),
            @Option(label = "space", value = "space")})
    String parity() default "none";

    @AttributeDefinition(description = "Stop bits.", options = {
            @Option(label = "1", value = "1"), @Option(label = "1.5", value = "1.5"), @Option(label = "2", value = "2")})
    String stopBits() default "1";

    @AttributeDefinition(description = "Milliseconds between attempts to open the port while it is absent or failed "
            + "(device unplugged, path missing, port busy).", min = "10")
    int reopenIntervalMillis() default 1000;

    @AttributeDefinition(description = "Largest CLASP frame accepted from the device, in bytes after SLIP decoding "
            + "(65547 = the largest legal CLASP frame including its timestamp). A longer frame is dropped and counted; "
            + "the line resynchronises at the next SLIP END.", min = "4")
    int maxFrameBytes() default 65547;

    @AttributeDefinition(description = "Bytes queued for the device above which the session becomes unwritable and "
            + "the device is no longer read (back-pressure).", min = "1")
    int writeBufferHighWaterMark() default 64 * 1024;

    @AttributeDefinition(description = "Bytes queued for the device below which the session becomes writable again.",
            min = "0")
    int writeBufferLowWaterMark() default 32 * 1024;
}
