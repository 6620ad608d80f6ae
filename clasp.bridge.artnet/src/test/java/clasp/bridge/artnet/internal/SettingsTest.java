package clasp.bridge.artnet.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Universe lists, host[:port] and the configuration's checks. */
class SettingsTest {
    @Test
    void universeListsTakeNumbersAndRangesAndEmptyMeansAll() {
        UniverseSet set = UniverseSet.parse(new String[] {"1", " 4-7 ", "", "32767"});
        assertThat(set.listed()).containsExactly(1, 4, 5, 6, 7, 32767);
        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(8)).isFalse();
        assertThat(set).hasToString("1, 4-7, 32767");
        assertThat(UniverseSet.parse(new String[0]).all()).isTrue();
        assertThat(UniverseSet.parse(new String[0]).contains(12345)).isTrue();
        assertThat(UniverseSet.compact(java.util.List.of())).isEqualTo("none");
        assertThatThrownBy(() -> UniverseSet.parse(new String[] {"32768"}))
                .hasMessage("universe 32768 is not a number or range within 0-32767");
        assertThatThrownBy(() -> UniverseSet.parse(new String[] {"7-3"})).hasMessage("the range 7-3 is empty");
        assertThatThrownBy(() -> UniverseSet.parse(new String[] {"a"})).hasMessage("universe a is not a number or range within 0-32767");
    }

    @Test
    void hostsTakeAnOptionalPortThatDefaultsTo6454AndNoIpv6() {
        assertThat(ArtNetSettings.hostPort("10.0.0.5")).isEqualTo(InetSocketAddress.createUnresolved("10.0.0.5", 6454));
        assertThat(ArtNetSettings.hostPort("10.0.0.5:6455")).isEqualTo(InetSocketAddress.createUnresolved("10.0.0.5", 6455));
        assertThat(ArtNetSettings.hostPort("host:0")).isNull();
        assertThat(ArtNetSettings.hostPort("host:x")).isNull();
        assertThat(ArtNetSettings.hostPort(":6454")).isNull();
        assertThat(ArtNetSettings.hostPort("::1")).isNull();   // Art-Net is IPv4 only
    }

    @Test
    void everyProblemOfAConfigurationIsNamed() {
        ArtNetSettings s = ArtNetSettings.from(Harness.config(Map.of("namespace", "/a/", "nodes", new String[] {"h:99999"},
                "broadcast", "x:y", "outputUniverses", new String[] {"40000"}, "keepAliveMillis", "5000", "merge", "max",
                "scale", "0", "nodeTimeoutSeconds", "3")));
        assertThat(s.fatal()).isEqualTo("invalid configuration: namespace must not end with / nor hold *: /a/; "
                + "node must be host or host:port with a port 1-65535: h:99999; "
                + "broadcast must be host or host:port with a port 1-65535: x:y; "
                + "nodeTimeoutSeconds must be more than pollIntervalSeconds; "
                + "outputUniverses: universe 40000 is not a number or range within 0-32767; "
                + "keepAliveMillis must be 25-4000, is 5000; merge must be htp or ltp, is max; "
                + "scale must be a finite number other than 0, not 0.0");
        assertThat(ArtNetSettings.from(Harness.config(Map.of())).fatal()).isNull();
    }
}
