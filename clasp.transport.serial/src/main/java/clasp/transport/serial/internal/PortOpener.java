package clasp.transport.serial.internal;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a line's port by path with its settings, again after each failure. Only the first failure of a series is
 * logged (with what the error number usually means), so a device unplugged for an hour is one line, not thousands.
 * The line's reader thread only.
 */
final class PortOpener {
    private static final Logger LOG = LoggerFactory.getLogger(PortOpener.class);

    private final String name;
    private final SerialSettings settings;
    private final int readPollMillis;
    private boolean failureLogged;

    /**
     * @param name           the PID and instance id, for the log
     * @param readPollMillis how long a read waits for bytes before it returns 0
     */
    PortOpener(String name, SerialSettings settings, int readPollMillis) {
        this.name = name;
        this.settings = settings;
        this.readPollMillis = readPollMillis;
    }

    /** The open port, or null when it cannot be opened now. */
    SerialPort open() {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(settings.path());
        } catch (SerialPortInvalidPortException e) {
            failed("no such device");
            return null;
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(), settings.stopBits(), settings.parity());
        // Reads wait at most readPollMillis, so the reader sees a stop; writes block until the device takes the bytes.
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, readPollMillis, 0);
        if (!port.openPort()) {
            failed(meaning(port.getLastErrorCode()));
            return null;
        }
        failureLogged = false;
        LOG.info("{}: opened {} at {} baud {}, SLIP framing", name, settings.path(), settings.baudRate(), settings.lineFormat());
        return port;
    }

    private void failed(String why) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("{}: cannot open {}: {}; trying again every {} ms", name, settings.path(), why,
                    settings.reopenIntervalMillis());
        } else {
            LOG.debug("{}: cannot open {}: {}", name, settings.path(), why);
        }
    }

    /** What the usual error numbers of a failed open mean (Linux errno). */
    static String meaning(int errno) {
        return switch (errno) {
            case 2 -> "no such device (error 2)";
            case 13 -> "permission denied (error 13): the runtime's account needs read and write access to the device, "
                    + "e.g. membership of the dialout group";
            case 16 -> "busy (error 16): another program has it open";
            default -> "error " + errno;
        };
    }
}
