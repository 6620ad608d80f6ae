package clasp.bridge.sacn.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.bridge.support.dmx.SourceMerge;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SettingsTest {
    @Test
    void universeListsTakeNumbersAndRangesAndFormatBackCompactly() {
        assertThat(Universes.parse(new String[] {"1, 3-5", " 9 ", "", "4"})).containsExactly(1, 3, 4, 5, 9);
        assertThat(Universes.format(List.of(1, 3, 4, 5, 9, 10))).isEqualTo("1, 3-5, 9-10");
        assertThat(Universes.format(List.of())).isEqualTo("none");
        assertThatThrownBy(() -> Universes.parse(new String[] {"5-2"})).hasMessage("universe range 5-2 runs backwards");
        assertThatThrownBy(() -> Universes.parse(new String[] {"64000"})).hasMessage("universe 64000 is outside 1-63999");
        assertThatThrownBy(() -> Universes.parse(new String[] {"x"}))
                .hasMessage("universe x is not a number 1-63999 or a range such as 1-4");
        assertThatThrownBy(() -> Universes.parse(new String[] {"-3"}))
                .hasMessage("universe -3 is not a number 1-63999 or a range such as 1-4");
    }

    @Test
    void defaultsAreTheE131Conventions() {
        SacnSettings s = SacnSettings.from(Harness.config(Map.of("outputUniverses", "1")));
        assertThat(s.fatal()).isNull();
        assertThat(s.namespace()).isEqualTo("/sacn");
        assertThat(s.port()).isEqualTo(5568);
        assertThat(s.priority()).isEqualTo(100);
        assertThat(s.sourceName()).isEqualTo("CLASP sACN Bridge");
        assertThat(s.cid()).isNull();
        assertThat(s.multicast()).isTrue();
        assertThat(s.merge()).isEqualTo(SourceMerge.Mode.HTP);
        assertThat(s.receives()).isFalse();
        assertThat(s.values().toSlot(Value.of(0.5))).isEqualTo(128);
        assertThat(s.values().toClasp(51)).isEqualTo(Value.of(51L));
    }

    @Test
    void optionsAreReadAsConfigured() {
        SacnSettings s = SacnSettings.from(Harness.config(Map.of("inputUniverses", "2", "cid",
                "01020304-0506-0708-090a-0b0c0d0e0f10", "merge", "LTP", "unicastDestinations",
                new String[] {"10.0.0.7, 10.0.0.8:6000"}, "normalize", "true", "scale", "255", "port", "6000")));
        assertThat(s.fatal()).isNull();
        assertThat(s.cid()).isEqualTo(UUID.fromString("01020304-0506-0708-090a-0b0c0d0e0f10"));
        assertThat(s.merge()).isEqualTo(SourceMerge.Mode.LTP);
        assertThat(s.unicast()).containsExactly(InetSocketAddress.createUnresolved("10.0.0.7", 6000),
                InetSocketAddress.createUnresolved("10.0.0.8", 6000));
        assertThat(s.values().toSlot(Value.of(0.5))).isEqualTo(128);   // the scale wins over normalize
        assertThat(s.values().toClasp(255)).isEqualTo(Value.of(1.0));
        assertThat(s.receives()).isTrue();
        assertThat(SacnSettings.destination("fe80::1", 5568)).isNull();
        assertThat(SacnSettings.destination("host:0", 5568)).isNull();
        assertThat(SacnSettings.destination(":5568", 5568)).isNull();
        assertThat(SacnSettings.from(Harness.config(Map.of("outputUniverses", "1", "unicastDestinations", "a:b:c"))).fatal())
                .contains("unicast destination must be host or host:port (IPv4), is 'a:b:c'");
        assertThat(SacnSettings.from(Harness.config(Map.of("outputUniverses", "1-600"))).fatal())
                .contains("outputUniverses lists 600 universes, more than 512 (use several instances)");
        assertThat(SacnSettings.from(Harness.config(Map.of("discovery", "true"))).fatal()).isNull();
    }
}
