package clasp.bridge.dmx;

import java.io.Closeable;
import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An open serial port. One thread may read while another writes and sets the break; {@link #close} may come from a
 * third. An {@link IOException} from any method means the device is gone (unplugged, its driver failed): the port
 * is then only good for closing.
 */
@ProviderType
public interface SerialLink extends Closeable {
    /** Writes {@code length} bytes from {@code bytes[offset]}, returning once the driver has sent them all. */
    void write(byte[] bytes, int offset, int length) throws IOException;

    /**
     * Reads at most {@code length} bytes into {@code into[offset]}, waiting at most the settings' read timeout for
     * the first; returns how many were read, 0 when none came.
     */
    int read(byte[] into, int offset, int length) throws IOException;

    /** Holds the line in the break condition ({@code true}) or releases it to mark ({@code false}). */
    void setBreak(boolean on) throws IOException;

    /** Closes the port; a read or write under way returns. Idempotent; never throws. */
    @Override
    void close();
}
