package clasp.bridge.dmx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The messages the bridge sends an ENTTEC DMX USB Pro, byte for byte, and its timing steps. */
class WidgetTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private static String sendDmx(byte[] slots, int count) {
        byte[] into = new byte[Widget.sendDmxSize(count)];
        int n = Widget.sendDmx(slots, count, into);
        assertThat(n).isEqualTo(into.length);
        return HEX.formatHex(into);
    }

    @Test
    void aFrameOfFewerThan24SlotsIsPaddedWithZerosTo24() {
        byte[] slots = new byte[512];
        slots[0] = 10;
        slots[1] = (byte) 128;
        slots[2] = (byte) 255;
        slots[3] = 99;   // beyond the 3 slots sent
        assertThat(sendDmx(slots, 3)).isEqualTo("7E 06 19 00 00 0A 80 FF" + " 00".repeat(21) + " E7");
    }

    @Test
    void aFull512SlotFrameHas513DataBytesLittleEndian() {
        byte[] slots = new byte[512];
        for (int i = 0; i < 512; i++) slots[i] = (byte) i;
        byte[] into = new byte[Widget.sendDmxSize(512)];
        assertThat(Widget.sendDmx(slots, 512, into)).isEqualTo(518);
        assertThat(HEX.formatHex(into, 0, 7)).isEqualTo("7E 06 01 02 00 00 01");
        assertThat(HEX.formatHex(into, 514, 518)).isEqualTo("FD FE FF E7");
    }

    @Test
    void aReusedBufferCarriesNothingOfALongerFrameBefore() {
        byte[] into = new byte[Widget.sendDmxSize(512)];
        byte[] full = new byte[512];
        java.util.Arrays.fill(full, (byte) 7);
        Widget.sendDmx(full, 30, into);
        byte[] one = new byte[512];
        one[0] = 1;
        int n = Widget.sendDmx(one, 1, into);
        assertThat(HEX.formatHex(into, 0, n)).isEqualTo("7E 06 19 00 00 01" + " 00".repeat(23) + " E7");
    }

    @Test
    void parametersAndReceiveModeMessages() {
        assertThat(HEX.formatHex(Widget.getParameters())).isEqualTo("7E 03 02 00 00 00 E7");
        assertThat(HEX.formatHex(Widget.setParameters(17, 2, 40))).isEqualTo("7E 04 05 00 00 00 11 02 28 E7");
        assertThat(HEX.formatHex(Widget.receiveMode(false))).isEqualTo("7E 08 01 00 00 E7");
        assertThat(HEX.formatHex(Widget.receiveMode(true))).isEqualTo("7E 08 01 00 01 E7");
    }

    @Test
    void breakAndMabRoundUpToTheWidgetsStepsWithinItsRange() {
        assertThat(Widget.breakSteps(176)).isEqualTo(17);        // 181 µs: never shorter than asked
        assertThat(Widget.micros(17)).isEqualTo(181);
        assertThat(Widget.breakSteps(96)).isEqualTo(9);          // 96.03 µs
        assertThat(Widget.breakSteps(88)).isEqualTo(9);          // the widget's shortest
        assertThat(Widget.breakSteps(1_000_000)).isEqualTo(127);
        assertThat(Widget.mabSteps(12)).isEqualTo(2);
        assertThat(Widget.mabSteps(8)).isEqualTo(1);
        assertThat(Widget.mabSteps(11)).isEqualTo(2);            // 10.67 µs would be shorter than asked
        assertThat(Widget.mabSteps(1_000_000)).isEqualTo(127);
        assertThat(Widget.rate(40)).isEqualTo(40);
        assertThat(Widget.rate(44)).isEqualTo(40);
        assertThat(Widget.rate(1)).isEqualTo(1);
    }
}
