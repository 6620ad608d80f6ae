package clasp.bridge.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.message.BundleMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.osc.OscArgument;
import clasp.osc.OscBundle;
import clasp.osc.OscMessage;
import clasp.osc.OscTimetag;
import java.util.List;
import org.junit.jupiter.api.Test;

class InboundTest {
    private final Inbound inbound = new Inbound("/osc", AddressPatterns.of(List.of("/cue/*", "/t/**")));

    @Test
    void section16VectorsInbound() throws Exception {
        assertThat(inbound.toClasp(new OscMessage("/synth/cutoff", new OscArgument.Float32(0.5f))))
                .isEqualTo(new SetMessage("/osc/synth/cutoff", Value.of(0.5)));
        assertThat(inbound.toClasp(new OscMessage("/color", new OscArgument.Int32(255), new OscArgument.Int32(0),
                new OscArgument.Int32(128)))).isEqualTo(new SetMessage("/osc/color",
                Value.of(List.of(Value.of(255), Value.of(0), Value.of(128)))));
        assertThat(inbound.toClasp(new OscMessage("/a", OscArgument.TRUE))).isEqualTo(new SetMessage("/osc/a", Value.of(true)));
        assertThat(inbound.toClasp(new OscMessage("/cue/go"))).isEqualTo(PublishMessage.event("/osc/cue/go", null));
        assertThat(new Inbound("/osc", AddressPatterns.of(List.of())).toClasp(new OscMessage("/cue/go")))
                .isEqualTo(new SetMessage("/osc/cue/go", Value.ofNull()));
        assertThat(inbound.toClasp(new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/x", new OscArgument.Float32(1)),
                new OscMessage("/y", new OscArgument.Float32(0))))).isEqualTo(new BundleMessage(null, List.of(
                new SetMessage("/osc/x", Value.of(1.0)), new SetMessage("/osc/y", Value.of(0.0)))));
    }

    @Test
    void nestedBundlesFlattenInOrderAtTheLatestTimetag() throws Exception {
        OscTimetag early = OscTimetag.ofUnixMicros(1_800_000_000_000_000L);
        OscTimetag late = OscTimetag.ofUnixMicros(1_800_000_000_500_000L);
        BundleMessage bundle = (BundleMessage) inbound.toClasp(new OscBundle(early,
                new OscMessage("/a", new OscArgument.Int32(1)),
                new OscBundle(late, new OscMessage("/t/x/y", new OscArgument.Int32(2))),
                new OscMessage("/c", new OscArgument.Int32(3))));
        assertThat(bundle.timestamp()).isEqualTo(1_800_000_000_500_000L);
        assertThat(bundle.messages()).containsExactly(new SetMessage("/osc/a", Value.of(1)),
                PublishMessage.event("/osc/t/x/y", Value.of(2)), new SetMessage("/osc/c", Value.of(3)));
    }

    @Test
    void anAddressThatCannotBeClaspRefusesThePacketWithItsReason() {
        assertThatThrownBy(() -> inbound.toClasp(new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/ok"),
                new OscMessage("/x/{a,b}")))).isInstanceOf(Inbound.Refused.class)
                .hasMessage("OSC address pattern character '{', refused: /x/{a,b}");
        assertThatThrownBy(() -> inbound.toClasp(new OscBundle(OscTimetag.IMMEDIATELY)))
                .isInstanceOf(Inbound.Refused.class).hasMessage("bundle without messages");
    }

    @Test
    void eventPatterns() {
        AddressPatterns patterns = AddressPatterns.of(List.of("/cue/*", "/t/**", "/exact"));
        assertThat(patterns.matches("/cue/go")).isTrue();
        assertThat(patterns.matches("/cue/go/now")).isFalse();
        assertThat(patterns.matches("/cue")).isFalse();
        assertThat(patterns.matches("/t")).isTrue();
        assertThat(patterns.matches("/t/a/b/c")).isTrue();
        assertThat(patterns.matches("/exact")).isTrue();
        assertThat(patterns.matches("/exactly")).isFalse();
        assertThat(AddressPatterns.problem("/a/*x")).isEqualTo("a wildcard must be a whole segment (* or **): /a/*x");
        assertThat(AddressPatterns.problem("a")).isEqualTo("pattern does not start with '/': a");
        assertThat(AddressPatterns.problem("/a//b")).isEqualTo("pattern has an empty segment: /a//b");
    }
}
