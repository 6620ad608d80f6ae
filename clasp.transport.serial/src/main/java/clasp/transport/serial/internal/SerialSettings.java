package clasp.transport.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.Locale;
import java.util.Map;

/**
 * A checked {@link SerialTransportConfig}: what one line is opened with. Records compare by value, so a
 * configuration change that changes nothing here leaves the line alone.
 *
 * @param parity   a jSerialComm parity constant
 * @param stopBits a jSerialComm stop-bits constant
 */
record SerialSettings(String path, int baudRate, int dataBits, int parity, int stopBits, String lineFormat,
                      int reopenIntervalMillis, int maxFrameBytes, long highWaterMark, long lowWaterMark) {
    private static final Map<String, Integer> PARITIES = Map.of("none", SerialPort.NO_PARITY, "odd", SerialPort.ODD_PARITY,
            "even", SerialPort.EVEN_PARITY, "mark", SerialPort.MARK_PARITY, "space", SerialPort.SPACE_PARITY);
    private static final Map<String, Integer> STOP_BITS = Map.of("1", SerialPort.ONE_STOP_BIT,
            "1.5", SerialPort.ONE_POINT_FIVE_STOP_BITS, "2", SerialPort.TWO_STOP_BITS);

    /** @throws IllegalArgumentException naming the PID and the first problem found */
    static SerialSettings of(SerialTransportConfig config) {
        String path = config.port() == null ? "" : config.port().trim();
        require(!path.isEmpty(), "port must name the serial device's path, e.g. port=/dev/ttyUSB0");
        require(config.baudRate() > 0, "baudRate must be positive, is " + config.baudRate());
        require(config.dataBits() >= 5 && config.dataBits() <= 8, "dataBits must be 5..8, is " + config.dataBits());
        String parity = text(config.parity());
        require(PARITIES.containsKey(parity), "parity must be none, odd, even, mark or space, is " + config.parity());
        String stopBits = text(config.stopBits());
        require(STOP_BITS.containsKey(stopBits), "stopBits must be 1, 1.5 or 2, is " + config.stopBits());
        require(config.reopenIntervalMillis() >= 10, "reopenIntervalMillis must be at least 10, is " + config.reopenIntervalMillis());
        require(config.maxFrameBytes() >= 4, "maxFrameBytes must be at least 4, is " + config.maxFrameBytes());
        require(config.writeBufferLowWaterMark() >= 0 && config.writeBufferHighWaterMark() > 0
                        && config.writeBufferLowWaterMark() <= config.writeBufferHighWaterMark(),
                "need 0 <= writeBufferLowWaterMark <= writeBufferHighWaterMark, are "
                        + config.writeBufferLowWaterMark() + " and " + config.writeBufferHighWaterMark());
        String format = config.dataBits() + parity.substring(0, 1).toUpperCase(Locale.ROOT) + stopBits;
        return new SerialSettings(path, config.baudRate(), config.dataBits(), PARITIES.get(parity), STOP_BITS.get(stopBits),
                format, config.reopenIntervalMillis(), config.maxFrameBytes(), config.writeBufferHighWaterMark(),
                config.writeBufferLowWaterMark());
    }

    /** What the router shows as the instance's endpoint, e.g. {@code serial:/dev/ttyUSB0 115200 8N1}. */
    String endpoint() {
        return "serial:" + path + " " + baudRate + " " + lineFormat;
    }

    private static String text(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(SerialTransport.PID + ": invalid configuration: " + problem);
        }
    }
}
