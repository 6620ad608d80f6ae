package clasp.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoverySettingsTest {
    @Test void listsComeAsArraysOrAsOneStringSeparatedByCommas() {
        assertThat(DiscoverySettings.names(new String[] {"eth0, wlan0", "lo"})).containsExactly("eth0", "wlan0", "lo");
        assertThat(DiscoverySettings.names(new String[] {"websocket,tcp"})).containsExactly("websocket", "tcp");
        assertThat(DiscoverySettings.names(new String[0])).isEmpty();
        assertThat(DiscoverySettings.names(null)).isEmpty();
    }

    @Test void limitsOutsideTheirRangeAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new DiscoverySettings(true, List.of(), List.of(), "", "", "", 0, true, 7331, "0.0.0.0", 2, 16))
                .hasMessage("clasp.discovery: rescanSeconds must be 1..3600, not 0");
        assertThatThrownBy(() -> new DiscoverySettings(true, List.of(), List.of(), "", "", "", 5, true, 70000, "0.0.0.0", 2, 16))
                .hasMessage("clasp.discovery: broadcastPort must be 1..65535, not 70000");
    }

    @Test void listenerNamesFitDnsLabels() {
        assertThat(Listeners.fit("ü".repeat(40), 63)).isEqualTo("ü".repeat(31));
        assertThat(Listeners.fit("CLASP Router", 63)).isEqualTo("CLASP Router");
    }

    @Test void problemsAreLoggedWithoutExceptionClassNames() {
        // the runtime's process tests reject any "Exception" in its output; a taken port is an expected condition
        assertThat(Problems.describe(new java.net.BindException("Address already in use"))).isEqualTo("Address already in use");
        assertThat(Problems.describe(new java.net.SocketException())).isEqualTo("Socket error");
    }
}
