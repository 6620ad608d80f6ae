package clasp.bridge.dmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the widget received (labels 5 and 9) as the slots that changed. */
class WidgetInputTest {
    private final List<String> seen = new ArrayList<>();
    private final WidgetInput input = new WidgetInput(new WidgetInput.Sink() {
        @Override public void changed(int slot, int value) { seen.add(slot + "=" + value); }

        @Override public void frame() { seen.add("frame"); }

        @Override public void malformed(String why) { seen.add("malformed: " + why); }

        @Override public void dropped(String why) { seen.add("dropped: " + why); }
    });

    private void received(int... data) {
        input.received(bytes(data), data.length);
    }

    private void changeOfState(int... data) {
        input.changeOfState(bytes(data), data.length);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }

    @Test
    void aReceivedPacketGivesTheSlotsThatChangedOnly() {
        received(0, 0, 0, 10, 0, 255);
        received(0, 0, 0, 10, 0, 255);
        received(0, 0, 0, 11, 0, 255);
        received(0, 0, 7);   // a shorter packet changes only the slots it carries
        assertThat(seen).containsExactly("2=10", "4=255", "frame", "frame", "2=11", "frame", "1=7", "frame");
    }

    @Test
    void aPacketMarkedBadOrWithAnotherStartCodeIsDroppedWithItsReason() {
        received(1, 0, 5);
        received(2, 0, 5);
        received(0, 0xCC, 5);
        assertThat(seen).containsExactly(
                "dropped: a received packet the widget marked bad (status 01: its receive queue overflowed)",
                "dropped: a received packet the widget marked bad (status 02: a receive overrun)",
                "dropped: a received packet with start code CC, not 00 (dimmer data)");
    }

    @Test
    void aReceivedPacketTooShortOrTooLongIsMalformed() {
        received(0);
        input.received(new byte[515], 515);
        assertThat(seen).containsExactly(
                "malformed: received-DMX message with 1 data bytes, fewer than status and start code",
                "malformed: received-DMX message with 513 slots, more than 512");
    }

    @Test
    void aFull512SlotPacketIsTaken() {
        byte[] data = new byte[514];
        data[513] = 9;
        input.received(data, 514);
        assertThat(seen).containsExactly("512=9", "frame");
    }

    @Test
    void aChangeOfStateGivesTheMarkedBytesByteNBeingSlotN() {
        // block 0: bit 0 is the start code (still 0), bits 3 and 9 slots 3 and 9
        changeOfState(0, 0b0000_1001, 0b0000_0010, 0, 0, 0, 0, 30, 90);
        // block 2 starts at byte 16: bit 0 is slot 16, bit 39 slot 55
        changeOfState(2, 1, 0, 0, 0, 0x80, 16, 55);
        // block 64 starts at slot 512
        changeOfState(64, 1, 0, 0, 0, 0, 12);
        // a byte marked again with its value unchanged gives nothing
        changeOfState(0, 0b0000_1000, 0, 0, 0, 0, 30);
        assertThat(seen).containsExactly("3=30", "9=90", "frame", "16=16", "55=55", "frame", "512=12", "frame", "frame");
    }

    @Test
    void aChangeOfStateThatDoesNotAddUpIsMalformedAndAppliesNothing() {
        changeOfState(0, 0b0000_0110, 0, 0, 0, 0, 5);          // two bytes marked, one carried
        changeOfState(64, 0b0000_0011, 0, 0, 0, 0, 1, 2);      // bit 1 of block 64 is byte 513
        changeOfState(0, 0, 0, 0);                             // shorter than the map
        assertThat(seen).containsExactly(
                "malformed: change-of-state message marks 2 changed bytes but carries 1",
                "malformed: change-of-state message marks byte 513, beyond slot 512",
                "malformed: change-of-state message with 4 data bytes, fewer than 6");
    }

    @Test
    void aChangeOfStateToAnotherStartCodeIsDropped() {
        changeOfState(0, 0b0000_0011, 0, 0, 0, 0, 0xCC, 5);
        assertThat(seen).containsExactly("dropped: a change of state to start code CC, not 00 (dimmer data)");
    }

    @Test
    void bothLabelsShareOneFrame() {
        received(0, 0, 1, 2, 3);
        changeOfState(0, 0b0000_0100, 0, 0, 0, 0, 2);   // slot 2 unchanged
        received(0, 0, 1, 2, 3);
        assertThat(seen).containsExactly("1=1", "2=2", "3=3", "frame", "frame", "frame");
    }
}
