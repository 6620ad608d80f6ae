package clasp.bridge.dmx;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens serial ports by path. The DMX bridge opens its device only through this service: the bundle registers one
 * backed by jSerialComm, and a service of a higher {@code service.ranking} replaces it. Thread-safe.
 */
@ProviderType
public interface SerialPorts {
    /**
     * Opens the port at {@code path}, a device node or a link to one ({@code /dev/ttyUSB0},
     * {@code /dev/serial/by-id/usb-ENTTEC_…}; pseudo-terminals too), with {@code settings}.
     *
     * @throws IOException saying why it cannot be opened now, e.g. "no such device (error 2)"
     */
    SerialLink open(String path, PortSettings settings) throws IOException;
}
