package clasp.bridge.support.dmx;

import java.util.Arrays;
import java.util.function.IntConsumer;

/** The 512 slot values of one universe, all 0 at first. Not thread-safe. */
public final class DmxFrame {
    private final byte[] slots = new byte[SlotAddress.SLOTS];

    /** Slot {@code slot} (1–512); 0–255. */
    public int get(int slot) { return slots[slot - 1] & 0xFF; }

    /** Sets slot {@code slot} (1–512) to {@code value} (0–255); true when that changed it. */
    public boolean set(int slot, int value) {
        byte b = (byte) value;
        if (slots[slot - 1] == b) return false;
        slots[slot - 1] = b;
        return true;
    }

    /**
     * Takes {@code length} slot values from {@code data} at {@code offset} as slots 1..length (the rest keep their
     * values), calling {@code changed} with each slot number whose value that changed.
     */
    public void update(byte[] data, int offset, int length, IntConsumer changed) {
        int n = Math.min(length, SlotAddress.SLOTS);
        for (int i = 0; i < n; i++) {
            byte b = data[offset + i];
            if (slots[i] != b) {
                slots[i] = b;
                changed.accept(i + 1);
            }
        }
    }

    /** The live slot array (slot 1 at index 0): for encoding it into a packet on the owning thread. */
    public byte[] slots() { return slots; }

    /** A copy of all 512 slot values. */
    public byte[] copy() { return slots.clone(); }

    /** The number of slots up to and including the last one that is not 0 (0 when all are). */
    public int usedLength() {
        for (int i = slots.length - 1; i >= 0; i--) if (slots[i] != 0) return i + 1;
        return 0;
    }

    public void clear() { Arrays.fill(slots, (byte) 0); }
}
