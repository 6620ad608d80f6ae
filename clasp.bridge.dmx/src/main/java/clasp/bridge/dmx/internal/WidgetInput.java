package clasp.bridge.dmx.internal;

import clasp.bridge.support.dmx.DmxFrame;
import clasp.bridge.support.dmx.SlotAddress;

/**
 * The DMX the widget receives, as the slots that changed: label 5 (every received packet: status, start code, slots)
 * and label 9 (change of state: the block of 8 bytes it starts at, a 40-bit map of the changed bytes after it, then
 * those bytes; byte 0 of the packet is the start code, byte n slot n). Both update one {@link DmxFrame}, all 0 at
 * first, which lasts as long as the instance. Packets with another start code than 0 (RDM, text, …) and packets the
 * widget marks as overrun are dropped, not applied. Reader thread only.
 */
final class WidgetInput {
    /** Where decoded input goes. */
    interface Sink {
        /** Slot {@code slot} now has {@code value} (0-255). */
        void changed(int slot, int value);

        /** A whole packet was decoded and applied. */
        void frame();

        void malformed(String why);

        void dropped(String why);
    }

    private final DmxFrame frame = new DmxFrame();
    private final Sink sink;

    WidgetInput(Sink sink) {
        this.sink = sink;
    }

    /** A label 5 message's data. */
    void received(byte[] data, int length) {
        if (length < 2) {
            sink.malformed("received-DMX message with " + length + " data bytes, fewer than status and start code");
            return;
        }
        int status = data[0] & 0xFF;
        if (status != 0) {
            String what = (status & 1) != 0 ? "its receive queue overflowed" : "a receive overrun";
            sink.dropped("a received packet the widget marked bad (status " + WidgetDecoder.hex(status) + ": " + what + ")");
            return;
        }
        int startCode = data[1] & 0xFF;
        if (startCode != 0) {
            sink.dropped("a received packet with start code " + WidgetDecoder.hex(startCode) + ", not 00 (dimmer data)");
            return;
        }
        int slots = length - 2;
        if (slots > SlotAddress.SLOTS) {
            sink.malformed("received-DMX message with " + slots + " slots, more than 512");
            return;
        }
        frame.update(data, 2, slots, slot -> sink.changed(slot, frame.get(slot)));
        sink.frame();
    }

    /** A label 9 message's data. */
    void changeOfState(byte[] data, int length) {
        if (length < 6) {
            sink.malformed("change-of-state message with " + length + " data bytes, fewer than 6");
            return;
        }
        int first = (data[0] & 0xFF) * 8;
        int changedCount = 0;
        for (int i = 1; i <= 5; i++) changedCount += Integer.bitCount(data[i] & 0xFF);
        if (length != 6 + changedCount) {
            sink.malformed("change-of-state message marks " + changedCount + " changed bytes but carries " + (length - 6));
            return;
        }
        int at = 6;
        for (int bit = 0; bit < 40; bit++) {
            if ((data[1 + bit / 8] & (1 << (bit % 8))) == 0) continue;
            int index = first + bit;
            if (index > SlotAddress.SLOTS) {
                sink.malformed("change-of-state message marks byte " + index + ", beyond slot 512");
                return;
            }
            if (index == 0 && data[at] != 0) {
                sink.dropped("a change of state to start code " + WidgetDecoder.hex(data[at] & 0xFF) + ", not 00 (dimmer data)");
                return;
            }
            at++;
        }
        at = 6;
        for (int bit = 0; bit < 40; bit++) {
            if ((data[1 + bit / 8] & (1 << (bit % 8))) == 0) continue;
            int index = first + bit;
            int value = data[at++] & 0xFF;
            if (index > 0 && frame.set(index, value)) sink.changed(index, value);
        }
        sink.frame();
    }
}
