package clasp.bridge.support.dmx;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.bridge.support.LinearScale;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotsTest {
    @Test
    void addressesAreNamespaceUniverseSlot() {
        assertThat(SlotAddress.parse("/artnet", "/artnet/0/1", 0, 32767)).isEqualTo(new SlotAddress(0, 1));
        assertThat(SlotAddress.parse("/artnet", "/artnet/32767/512", 0, 32767)).isEqualTo(new SlotAddress(32767, 512));
        assertThat(SlotAddress.parse("/artnet", "/artnet/32768/1", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/0/0", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/0/513", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/sacn", "/sacn/0/1", 1, 63999)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/1/2/3", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/1", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/1/", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnetx/1/2", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/a/2", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/1/+2", 0, 32767)).isNull();
        assertThat(SlotAddress.parse("/artnet", "/artnet/9999999999/2", 0, 32767)).isNull();
        assertThat(SlotAddress.numbersAfter("/artnet", "/artnet/0/1/2/40", 4)).containsExactly(0, 1, 2, 40);
        assertThat(new SlotAddress(3, 7).address("/dmx")).isEqualTo("/dmx/3/7");
    }

    @Test
    void outboundValuesFollowBridgesSection4_5() {
        SlotValues values = new SlotValues(false, null);
        assertThat(values.toSlot(Value.of(300L))).isEqualTo(255);
        assertThat(values.toSlot(Value.of(-4L))).isZero();
        assertThat(values.toSlot(Value.of(128L))).isEqualTo(128);
        assertThat(values.toSlot(Value.of(0.5))).isEqualTo(128);
        assertThat(values.toSlot(Value.of(0.999))).isEqualTo(255);   // rounded, not truncated
        assertThat(values.toSlot(Value.of(1.5))).isEqualTo(255);
        assertThat(values.toSlot(Value.of(true))).isEqualTo(255);
        assertThat(values.toSlot(Value.of("on"))).isEqualTo(SlotValues.NOT_NUMERIC);
        assertThat(values.toSlot(Value.of(Double.NaN))).isEqualTo(SlotValues.NOT_NUMERIC);
        assertThat(values.toClasp(200)).isEqualTo(Value.of(200L));
        assertThat(new SlotValues(true, null).toClasp(51)).isEqualTo(Value.of(0.2));
    }

    @Test
    void aConfiguredScaleMapsIntsAndFloatsAlike() {
        SlotValues percent = new SlotValues(false, LinearScale.configured(2.55, 0, 0, 65535));
        assertThat(percent.toSlot(Value.of(100L))).isEqualTo(255);
        assertThat(percent.toSlot(Value.of(50.0))).isEqualTo(128);
        assertThat(percent.toSlot(Value.of(400.0))).isEqualTo(255);   // the slot range, whatever the scale's
        assertThat(percent.toClasp(255)).isEqualTo(Value.of(100.0));
    }

    @Test
    void aFrameReportsTheSlotsAnUpdateChanged() {
        DmxFrame frame = new DmxFrame();
        assertThat(frame.set(1, 10)).isTrue();
        assertThat(frame.set(1, 10)).isFalse();
        List<Integer> changed = new ArrayList<>();
        frame.update(new byte[] {9, 10, 20, 0}, 1, 3, changed::add);
        assertThat(changed).containsExactly(2);   // slot 1 keeps 10, slot 2 becomes 20, slot 3 stays 0
        assertThat(frame.get(2)).isEqualTo(20);
        assertThat(frame.usedLength()).isEqualTo(2);
        frame.set(512, 255);
        assertThat(frame.get(512)).isEqualTo(255);
        assertThat(frame.copy()).hasSize(512);
        frame.clear();
        assertThat(frame.usedLength()).isZero();
    }
}
