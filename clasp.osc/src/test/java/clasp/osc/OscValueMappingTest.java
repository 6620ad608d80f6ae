package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every tag inbound, and what goes back out for the value it became (docs/protocol.md, OSC codec and mapping). */
class OscValueMappingTest {
    private static final OscValueMapping OUT = OscValueMapping.DEFAULT;

    private static void maps(OscArgument in, Value value, OscArgument... out) {
        assertThat(OscValueMapping.toValue(List.of(in))).as("%s in", in).isEqualTo(value);
        assertThat(OUT.toArguments(value)).as("%s out", in).containsExactly(out);
    }

    @Test
    void tagsThatRoundTrip() {
        maps(new OscArgument.Int32(-5), Value.of(-5), new OscArgument.Int32(-5));
        maps(new OscArgument.Float32(0.5f), Value.of(0.5), new OscArgument.Float32(0.5f));
        maps(new OscArgument.Text("hi"), Value.of("hi"), new OscArgument.Text("hi"));
        maps(new OscArgument.Blob(new byte[] {1, 2}), Value.of(new byte[] {1, 2}), new OscArgument.Blob(new byte[] {1, 2}));
        maps(OscArgument.TRUE, Value.of(true), OscArgument.TRUE);
        maps(OscArgument.FALSE, Value.of(false), OscArgument.FALSE);
        maps(new OscArgument.Int64(1L << 40), Value.of(1L << 40), new OscArgument.Int64(1L << 40));
    }

    @Test
    void tagsThatComeBackAsAnotherTag() {
        // h that fits 32 bits goes out as i; d as f unless float64; S and c as s; r and m as four i
        maps(new OscArgument.Int64(7), Value.of(7), new OscArgument.Int32(7));
        maps(new OscArgument.Float64(3.25), Value.of(3.25), new OscArgument.Float32(3.25f));
        assertThat(new OscValueMapping(true, false).toArguments(Value.of(3.25))).containsExactly(new OscArgument.Float64(3.25));
        maps(new OscArgument.Symbol("sym"), Value.of("sym"), new OscArgument.Text("sym"));
        maps(new OscArgument.Char('x'), Value.of("x"), new OscArgument.Text("x"));
        maps(new OscArgument.Char(0x1F600), Value.of("\uD83D\uDE00"), new OscArgument.Text("\uD83D\uDE00"));
        Value rgba = Value.of(List.of(Value.of(255), Value.of(0), Value.of(128), Value.of(7)));
        maps(new OscArgument.Rgba(255, 0, 128, 7), rgba, new OscArgument.Int32(255), new OscArgument.Int32(0),
                new OscArgument.Int32(128), new OscArgument.Int32(7));
        Value midi = Value.of(List.of(Value.of(0), Value.of(0x90), Value.of(60), Value.of(127)));
        maps(new OscArgument.Midi(0, 0x90, 60, 127), midi, new OscArgument.Int32(0), new OscArgument.Int32(0x90),
                new OscArgument.Int32(60), new OscArgument.Int32(127));
        maps(new OscArgument.Array(new OscArgument.Int32(1), new OscArgument.Array(new OscArgument.Text("a"))),
                Value.of(List.of(Value.of(1), Value.of(List.of(Value.of("a"))))),
                new OscArgument.Int32(1), new OscArgument.Text("a"));
    }

    @Test
    void tagsThatBecomeNull() {
        // N, I (impulse) and t carry no CLASP value: Null, which goes out as no argument, or N when configured
        for (OscArgument in : List.of(OscArgument.NIL, OscArgument.IMPULSE, new OscArgument.Timetag(OscTimetag.IMMEDIATELY))) {
            maps(in, Value.ofNull());
            assertThat(new OscValueMapping(false, true).toArguments(Value.ofNull())).containsExactly(OscArgument.NIL);
        }
    }

    @Test
    void arityRule() {
        assertThat(OscValueMapping.toValue(List.of())).isEqualTo(Value.ofNull());
        assertThat(OscValueMapping.toValue(List.of(new OscArgument.Int32(255), new OscArgument.Int32(0),
                new OscArgument.Int32(128)))).isEqualTo(Value.of(List.of(Value.of(255), Value.of(0), Value.of(128))));
    }

    @Test
    void outboundValues() {
        assertThat(OUT.toArguments(Value.of(Integer.MIN_VALUE))).containsExactly(new OscArgument.Int32(Integer.MIN_VALUE));
        assertThat(OUT.toArguments(Value.of(Integer.MAX_VALUE + 1L))).containsExactly(new OscArgument.Int64(Integer.MAX_VALUE + 1L));
        assertThat(OUT.toArguments(Value.of(Map.of("a", Value.of(1))))).containsExactly(new OscArgument.Text("{\"a\":1}"));
        assertThat(OUT.toArguments(Value.of(List.of(Value.of(1), Value.ofNull(), Value.of(List.of(Value.of(true), Value.of(2.5)))))))
                .containsExactly(new OscArgument.Int32(1), OscArgument.TRUE, new OscArgument.Float32(2.5f));
        assertThat(new OscValueMapping(false, true).toArguments(Value.of(List.of(Value.of(1), Value.ofNull()))))
                .containsExactly(new OscArgument.Int32(1), OscArgument.NIL);
    }

    @Test
    void aStringWithNulCannotGoOut() {
        assertThatThrownBy(() -> OUT.toArguments(Value.of("a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void section16Vectors() throws Exception {
        assertThat(inbound("2f73796e 74682f63 75746f66 66000000 2c660000 3f000000")) // /synth/cutoff ,f 0.5
                .isEqualTo(new OscMessage("/synth/cutoff", new OscArgument.Float32(0.5f)));
        assertThat(OscAddresses.toClasp("/osc", "/synth/cutoff")).isEqualTo("/osc/synth/cutoff");
        assertThat(OscValueMapping.toValue(new OscMessage("/synth/cutoff", new OscArgument.Float32(0.5f)).arguments()))
                .isEqualTo(Value.of(0.5));
        assertThat(OscValueMapping.toValue(((OscMessage) inbound("2f636f6c 6f720000 2c696969 00000000 000000ff"
                + "00000000 00000080")).arguments()))
                .isEqualTo(Value.of(List.of(Value.of(255), Value.of(0), Value.of(128))));
        assertThat(OscValueMapping.toValue(((OscMessage) inbound("2f637565 2f676f00 2c000000")).arguments()))
                .isEqualTo(Value.ofNull());
        assertThat(OscValueMapping.toValue(((OscMessage) inbound("2f610000 2c540000")).arguments())).isEqualTo(Value.of(true));
        OscBundle bundle = (OscBundle) inbound("2362756e 646c6500 00000000 00000001 0000000c 2f780000 2c660000 3f800000"
                + "0000000c 2f790000 2c660000 00000000");
        assertThat(bundle.timetag().isImmediately()).isTrue();
        assertThat(bundle.elements()).containsExactly(new OscMessage("/x", new OscArgument.Float32(1)),
                new OscMessage("/y", new OscArgument.Float32(0)));
        // outbound: CLASP SET /osc/fader/1 Int 7 -> /fader/1 ,i 7; /osc/obj Map{a:1} -> /obj ,s {"a":1}
        assertThat(Packets.encode(new OscMessage(OscAddresses.toOsc("/osc", "/osc/fader/1"), OUT.toArguments(Value.of(7)))))
                .isEqualTo(Packets.hex("2f666164 65722f31 00000000 2c690000 00000007"));
        assertThat(Packets.encode(new OscMessage(OscAddresses.toOsc("/osc", "/osc/obj"),
                OUT.toArguments(Value.of(Map.of("a", Value.of(1)))))))
                .isEqualTo(Packets.hex("2f6f626a 00000000 2c730000 7b226122 3a317d00"));
    }

    private static OscPacket inbound(String hex) throws OscFormatException {
        return Packets.decode(Packets.hex(hex));
    }
}
