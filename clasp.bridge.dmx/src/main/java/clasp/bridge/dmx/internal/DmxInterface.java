package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import java.io.IOException;

/** What differs between kinds of DMX interface: how the port is opened, set up, and how a frame goes out. */
interface DmxInterface {
    /** How long a read waits for its first byte (the reader looks at its stop flag that often). */
    int READ_TIMEOUT_MILLIS = 100;

    PortSettings portSettings();

    /** Sets the device up on a port just opened; writer thread, before the first frame. */
    void opened(SerialLink link) throws IOException;

    /** Sends slots 1..{@code count} of {@code slots} (slot 1 at index 0) as one DMX frame; writer thread. */
    void send(SerialLink link, byte[] slots, int count) throws IOException;

    /** Whether the device sends anything: then a reader thread feeds {@link #received}. */
    boolean reads();

    /** Bytes the device sent; reader thread. */
    void received(byte[] bytes, int offset, int length);

    /** What the status line says about the device, e.g. its timing; any thread. */
    String describe();
}
