package clasp.adapter.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void theDefaultsAreTheOscServerConventions() {
        OscSettings s = OscSettings.of(TestRouter.config("host", "0.0.0.0", "port", 8000));
        assertThat(s.port()).isEqualTo(8000);
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.namespace()).isEqualTo("/osc");
        assertThat(s.peerIdleNanos()).isEqualTo(TimeUnit.SECONDS.toNanos(30));
        assertThat(s.autoSubscribe()).isFalse();
        assertThat(s.eventPatterns()).isEmpty();
        assertThat(s.destinations()).isEmpty();
        assertThat(s.maxDatagramBytes()).isEqualTo(65_507);
    }

    @Test
    void eventPatternsAndDestinationsAreUnderTheNamespace() {
        OscSettings s = OscSettings.of(TestRouter.config("namespace", "/show", "eventAddresses", new String[] {"/cue/**", "/go"},
                "destinations", new String[] {"127.0.0.1:9001", " 127.0.0.1:9002   /mixer/* ", "127.0.0.1:9003/fx/**"}));
        assertThat(s.isEvent("/show/cue/1/go")).isTrue();
        assertThat(s.isEvent("/show/cue")).isTrue();
        assertThat(s.isEvent("/show/go")).isTrue();
        assertThat(s.isEvent("/show/go/now")).isFalse();
        assertThat(s.isEvent("/cue/1")).isFalse();
        assertThat(s.destinations()).containsExactly(
                new Destination(new InetSocketAddress("127.0.0.1", 9001), "/show/**"),
                new Destination(new InetSocketAddress("127.0.0.1", 9002), "/show/mixer/*"),
                new Destination(new InetSocketAddress("127.0.0.1", 9003), "/show/fx/**"));
    }

    @Test
    void anInvalidConfigurationIsRefusedWholeNamingThePid() {
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("namespace", "/osc/"))).hasMessage(
                "clasp.transport.osc: invalid configuration: namespace must be empty or an address like /osc (no trailing slash, "
                        + "no wildcard): namespace ends with '/': /osc/");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("namespace", "/a/*"))).hasMessageContaining("namespace must be");
        assertThat(OscSettings.of(TestRouter.config("namespace", "")).namespace()).isEmpty();
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("peerIdleSeconds", 0))).hasMessageContaining("peerIdleSeconds must be at least 1");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("maxPeers", 0))).hasMessageContaining("maxPeers must be at least 1");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("maxDatagramBytes", 70_000))).hasMessageContaining("maxDatagramBytes must be 16..65507");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("eventAddresses", new String[] {"cue"})))
                .hasMessage("clasp.transport.osc: invalid configuration: eventAddresses: invalid address: address must start with '/': cue");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("destinations", new String[] {"127.0.0.1"})))
                .hasMessage("clasp.transport.osc: invalid configuration: destinations: destination '127.0.0.1' has no host:port");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("destinations", new String[] {"127.0.0.1:0"})))
                .hasMessageContaining("destination port must be 1..65535");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("destinations", new String[] {"127.0.0.1:9 a b"})))
                .hasMessageContaining("destination must be 'host:port' or 'host:port/pattern'");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("destinations", new String[] {"127.0.0.1:9/a /b"})))
                .hasMessageContaining("destination must be 'host:port' or 'host:port/pattern'");
        assertThatThrownBy(() -> OscSettings.of(TestRouter.config("destinations", new String[] {"127.0.0.1:9", "127.0.0.1:9 /x"})))
                .hasMessageContaining("is listed twice");
    }

    @Test
    void patternsMatchSegmentBySegment() {
        AddressPattern p = AddressPattern.of("/a/*/c/**");
        assertThat(p.matches("/a/b/c")).isTrue();
        assertThat(p.matches("/a/b/c/d/e")).isTrue();
        assertThat(p.matches("/a/c")).isFalse();
        assertThat(p.matches("/a/b/d")).isFalse();
        assertThat(AddressPattern.of("/**").matches("/x")).isTrue();
        assertThat(AddressPattern.of("/x").matches("/x/y")).isFalse();
        assertThatThrownBy(() -> AddressPattern.of("/a//b")).hasMessageContaining("empty segment");
    }
}
