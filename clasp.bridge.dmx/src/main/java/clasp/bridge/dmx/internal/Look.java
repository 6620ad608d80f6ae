package clasp.bridge.dmx.internal;

import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.SlotAddress;

/**
 * The output universe as it should look: the bridge's strand writes slots into it, the writer thread copies the whole
 * frame out of it once per tick. The frame is guarded by this object's monitor, held only for a slot write or one
 * 512-byte copy, so neither side waits for the other's I/O, and a frame never carries half a slot write. Lives as long
 * as the instance: a reopened port gets the current look, not zeros.
 */
final class Look {
    private final DmxFrame frame = new DmxFrame();

    /** Sets slot {@code slot} (1-512) to {@code value} (0-255); strand. */
    synchronized void set(int slot, int value) {
        frame.set(slot, value);
    }

    /** Copies all 512 slots into {@code into} (slot 1 at index 0); writer thread. */
    synchronized void copyInto(byte[] into) {
        System.arraycopy(frame.slots(), 0, into, 0, SlotAddress.SLOTS);
    }
}
