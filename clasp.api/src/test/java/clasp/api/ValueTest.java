package clasp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {
    @Test
    void floatsCompareByBitPattern() {
        assertThat(Value.of(Double.NaN)).isEqualTo(Value.of(Double.NaN));
        assertThat(Value.of(-0.0)).isNotEqualTo(Value.of(0.0));
        assertThat(Value.of(1L)).isNotEqualTo(Value.of(1.0));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] raw = {1, 2, 3};
        BytesValue v = (BytesValue) Value.of(raw);
        raw[0] = 9;
        v.toByteArray()[1] = 9;
        assertThat(v.toByteArray()).containsExactly(1, 2, 3);
        assertThat(v).isEqualTo(Value.of(new byte[] {1, 2, 3}));
    }

    @Test
    void mapsKeepOrderAndCompareByIt() {
        Map<String, Value> ab = new LinkedHashMap<>();
        ab.put("a", Value.of(1.0));
        ab.put("b", Value.of(2.0));
        Map<String, Value> ba = new LinkedHashMap<>();
        ba.put("b", Value.of(2.0));
        ba.put("a", Value.of(1.0));
        MapValue m = MapValue.copyOf(ab);
        ab.put("c", Value.ofNull());
        assertThat(m.entries().keySet()).containsExactly("a", "b");
        assertThat(m).isNotEqualTo(MapValue.copyOf(ba));
        assertThat(m).isEqualTo(MapValue.copyOf(m.entries()));
    }

    @Test
    void arraysAreImmutable() {
        ArrayValue a = new ArrayValue(List.of(Value.of(true), Value.of("x")));
        assertThat(a.items()).containsExactly(BoolValue.TRUE, new StringValue("x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.items().add(Value.ofNull()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownWireCodesReadAsTheReferenceDecodersDo() {
        assertThat(SignalType.fromCode(6)).isEqualTo(SignalType.EVENT);
        assertThat(GesturePhase.fromCode(5)).isEqualTo(GesturePhase.START);
        assertThat(QoS.fromCode(3)).isEqualTo(QoS.FIRE);
    }
}
