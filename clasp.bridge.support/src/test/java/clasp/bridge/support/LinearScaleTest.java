package clasp.bridge.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import org.junit.jupiter.api.Test;

class LinearScaleTest {
    @Test
    void scaleOneOffsetZeroIsNoMappingAtAll() {
        assertThat(LinearScale.configured(1, 0, 0, 255)).isNull();
    }

    @Test
    void aFaderAtZeroToOneDrivesTheWholeDmxRange() {
        LinearScale dmx = LinearScale.configured(255, 0, 0, 255);
        assertThat(dmx.toWire(0.0)).isZero();
        assertThat(dmx.toWire(0.5)).isEqualTo(128);   // 127.5, halves up
        assertThat(dmx.toWire(1.0)).isEqualTo(255);
        assertThat(dmx.toWire(1.7)).isEqualTo(255);    // clamped
        assertThat(dmx.toWire(-3)).isZero();
        assertThat(dmx.toWire(Value.of(true), -1)).isEqualTo(255);
        assertThat(dmx.toWire(Value.of(false), -1)).isZero();
        assertThat(dmx.toWire(Value.of("half"), -1)).isEqualTo(-1);
        assertThat(dmx.toClasp(51)).isEqualTo(Value.of(0.2));
    }

    @Test
    void aNegativeScaleWithAnOffsetInverts() {
        LinearScale inverted = LinearScale.configured(-127, 127, 0, 127);
        assertThat(inverted.toWire(0.0)).isEqualTo(127);
        assertThat(inverted.toWire(1.0)).isZero();
        assertThat(inverted.toClasp(127)).isEqualTo(Value.of(0.0));
        assertThat(inverted.withRange(0, 16383).toWire(Value.of(-1L), 0)).isEqualTo(254);
    }

    @Test
    void asAValueTransformItGivesTheProtocolNumberOrNull() {
        LinearScale midi = LinearScale.configured(127, 0, 0, 127);
        assertThat(midi.transform(null, "/midi/a/ch/1/cc/7", Value.of(0.5))).isEqualTo(Value.of(64L));
        assertThat(midi.transform(null, "/midi/a/ch/1/cc/7", Value.of(2L))).isEqualTo(Value.of(127L));
        assertThat(midi.transform(null, "/midi/a/ch/1/cc/7", Value.of("x"))).isNull();
        assertThat(midi.toWire(Double.NaN)).isZero();
    }

    @Test
    void aZeroOrInfiniteScaleIsRefused() {
        assertThatThrownBy(() -> LinearScale.configured(0, 0, 0, 255)).hasMessageContaining("scale");
        assertThatThrownBy(() -> LinearScale.configured(Double.POSITIVE_INFINITY, 0, 0, 255)).hasMessageContaining("scale");
        assertThatThrownBy(() -> LinearScale.configured(2, Double.NaN, 0, 255)).hasMessageContaining("offset");
    }
}
