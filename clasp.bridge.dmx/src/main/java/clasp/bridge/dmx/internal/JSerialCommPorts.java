package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import clasp.bridge.dmx.SerialPorts;
import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * The serial ports of this machine through jSerialComm, opened by path: its port listing never shows
 * pseudo-terminals, and a path is what the configuration names anyway. Reads wait at most the settings' read timeout;
 * writes block until the driver has sent the bytes (jSerialComm drains the port after each write in blocking mode).
 */
@Component(service = SerialPorts.class)
public final class JSerialCommPorts implements SerialPorts {

    @Override
    public SerialLink open(String path, PortSettings settings) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no such device");
        }
        port.setComPortParameters(settings.baudRate(), settings.dataBits(),
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                settings.readTimeoutMillis(), 0);
        if (!port.openPort()) throw new IOException(meaning(port.getLastErrorCode()));
        return new Link(port);
    }

    /** What the usual error numbers of a serial port mean (Linux errno). */
    static String meaning(int errno) {
        return switch (errno) {
            case 2 -> "no such device (error 2)";
            case 5 -> "input/output error (error 5): the device is gone";
            case 13 -> "permission denied (error 13): the runtime's account needs read and write access to the device, "
                    + "e.g. membership of the dialout group";
            case 16 -> "busy (error 16): another program has it open";
            default -> "error " + errno;
        };
    }

    private static final class Link implements SerialLink {
        private final SerialPort port;

        Link(SerialPort port) {
            this.port = port;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            int done = 0;
            while (done < length) {
                int n = port.writeBytes(bytes, length - done, offset + done);
                if (n <= 0) throw new IOException("write failed: " + meaning(port.getLastErrorCode()));
                done += n;
            }
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = port.readBytes(into, length, offset);
            if (n < 0) throw new IOException("read failed: " + meaning(port.getLastErrorCode()));
            return n;
        }

        @Override
        public void setBreak(boolean on) throws IOException {
            if (!(on ? port.setBreak() : port.clearBreak())) {
                throw new IOException((on ? "setting" : "clearing") + " the break failed: " + meaning(port.getLastErrorCode()));
            }
        }

        @Override
        public void close() {
            if (port.isOpen()) port.closePort();
        }
    }
}
