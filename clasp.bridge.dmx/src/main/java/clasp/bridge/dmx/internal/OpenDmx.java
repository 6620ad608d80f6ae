package clasp.bridge.dmx.internal;

import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.SerialLink;
import clasp.bridge.support.dmx.SlotAddress;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * An ENTTEC Open DMX USB or another plain FTDI interface: the host makes the DMX signal (bridges.md §6.2). The line
 * runs at 250000 baud, 8 data bits, 2 stop bits, no parity; each frame is a break held for at least
 * {@code breakMicros}, a mark-after-break of at least {@code mabMicros}, then start code 0 and the slots. The write
 * returns once the driver has sent the bytes, so the next frame's break never cuts the previous one short. Writer
 * thread only.
 */
final class OpenDmx implements DmxInterface {
    static final PortSettings LINE = new PortSettings(250_000, 8, 2, READ_TIMEOUT_MILLIS);

    private final long breakNanos;
    private final long mabNanos;
    private final LongSupplier clock;
    private final byte[] packet = new byte[1 + SlotAddress.SLOTS];

    OpenDmx(int breakMicros, int mabMicros, LongSupplier clock) {
        this.breakNanos = breakMicros * 1_000L;
        this.mabNanos = mabMicros * 1_000L;
        this.clock = clock;
    }

    @Override
    public PortSettings portSettings() {
        return LINE;
    }

    @Override
    public void opened(SerialLink link) {
        // nothing to set up: the line settings are the whole of it
    }

    @Override
    public void send(SerialLink link, byte[] slots, int count) throws IOException {
        packet[0] = 0;   // start code: dimmer data
        System.arraycopy(slots, 0, packet, 1, count);
        link.setBreak(true);
        Waits.until(clock.getAsLong() + breakNanos, clock);
        link.setBreak(false);
        Waits.until(clock.getAsLong() + mabNanos, clock);
        link.write(packet, 0, count + 1);
    }

    @Override
    public boolean reads() {
        return false;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        // an Open DMX interface sends nothing
    }

    @Override
    public String describe() {
        return "break " + breakNanos / 1_000 + " µs, MAB " + mabNanos / 1_000 + " µs, " + LINE;
    }
}
