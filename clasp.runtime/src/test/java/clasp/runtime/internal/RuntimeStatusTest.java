package clasp.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import clasp.api.router.PluginState;
import clasp.api.router.TransportInfo;

class RuntimeStatusTest {

    @Test
    void allActiveCountsFragmentsThatAreResolved() {
        List<RuntimeStatus.Entry> bundles = List.of(
                new RuntimeStatus.Entry("clasp.api", Bundle.ACTIVE, false),
                new RuntimeStatus.Entry("io.netty.transport-native-epoll", Bundle.RESOLVED, true));

        assertThat(RuntimeStatus.allActive(bundles)).isTrue();
        assertThat(RuntimeStatus.line(bundles)).isEqualTo("CLASP runtime started: 2 bundles, all active");
    }

    @Test
    void aStartedLazyBundleWaitingForItsFirstClassLoadCountsAsActive() {
        List<RuntimeStatus.Entry> bundles = List.of(
                new RuntimeStatus.Entry("org.eclipse.paho.client.mqttv3", Bundle.STARTING, false, true),
                new RuntimeStatus.Entry("clasp.slow", Bundle.STARTING, false, false));

        assertThat(RuntimeStatus.line(bundles)).isEqualTo("CLASP runtime started: 2 bundles, 1 not active: clasp.slow (STARTING)");
    }

    @Test
    void namesEveryBundleThatIsNotActive() {
        List<RuntimeStatus.Entry> bundles = List.of(
                new RuntimeStatus.Entry("clasp.api", Bundle.ACTIVE, false),
                new RuntimeStatus.Entry("clasp.protocol", Bundle.RESOLVED, false),
                new RuntimeStatus.Entry("a.fragment", Bundle.INSTALLED, true));

        assertThat(RuntimeStatus.allActive(bundles)).isFalse();
        assertThat(RuntimeStatus.line(bundles)).isEqualTo(
                "CLASP runtime started: 3 bundles, 2 not active: clasp.protocol (RESOLVED), a.fragment (INSTALLED)");
    }

    @Test
    void theReadyLineNamesEveryEndpointWithItsListener() {
        List<TransportInfo> listeners = List.of(
                new TransportInfo("default", "websocket", "ws://0.0.0.0:7330/", PluginState.ONLINE, "listening", 0, 0, 0, 0),
                new TransportInfo("foh", "websocket", "ws://127.0.0.1:7331/", PluginState.ONLINE, "listening", 0, 0, 0, 0));

        assertThat(RuntimeStatus.ready(Duration.ofMillis(1234), listeners)).isEqualTo(
                "CLASP runtime ready in 1234 ms: accepting clients on ws://0.0.0.0:7330/ (default), ws://127.0.0.1:7331/ (foh)");
        assertThat(RuntimeStatus.ready(Duration.ofMillis(900), List.of()))
                .isEqualTo("CLASP runtime ready in 900 ms: no listener configured");
    }

    @Test
    void notReadySaysWhatItWaitsFor() {
        Map<String, String> missing = new LinkedHashMap<>();
        missing.put("listener foh", "FAILED (open failed: cannot listen on 127.0.0.1:7331: Address already in use)");
        missing.put("listener side", "not registered with the router");

        assertThat(RuntimeStatus.notReady(missing)).isEqualTo("CLASP runtime not ready: waiting for listener foh: "
                + "FAILED (open failed: cannot listen on 127.0.0.1:7331: Address already in use); listener side: not registered with the router");
    }
}
