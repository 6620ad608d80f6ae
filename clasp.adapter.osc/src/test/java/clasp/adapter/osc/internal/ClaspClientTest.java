package clasp.adapter.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.client.ClaspClient;
import clasp.client.Update;
import clasp.protocol.transport.Transport;
import clasp.transport.websocket.internal.WebSocketTransport;
import clasp.transport.websocket.internal.WebSocketTransportConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.BundleContext;

/** A CLASP client over the router's WebSocket listener and liblo's oscsend and oscdump see each other's writes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClaspClientTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void oscsendReachesAClaspWebSocketClientAndItsSetReachesOscdump() throws Exception {
        int dumpPort = Liblo.freePort();
        try (TestRouter r = new TestRouter("destinations", new String[] {"127.0.0.1:" + dumpPort + " /desk/**"});
             Liblo.Dump dump = new Liblo.Dump(dumpPort)) {
            WebSocketTransport ws = new WebSocketTransport(webSocketConfig(), Map.of(Transport.ID, "adapter-test"), noFramework());
            ws.open(r.router::accept);
            try (ClaspClient clasp = ClaspClient.builder(URI.create(ws.endpoint().replace("0.0.0.0", "127.0.0.1")))
                    .build().connect(Duration.ofSeconds(30))) {
                List<Update> updates = new CopyOnWriteArrayList<>();
                clasp.subscribe("/osc/synth/**", updates::add).get(30, TimeUnit.SECONDS);
                Liblo.oscsend(r.port(), "/synth/cutoff", "f", "0.5");
                await().atMost(PATIENCE).until(() -> !updates.isEmpty());
                Update cutoff = updates.get(0);
                assertThat(List.of(cutoff.address(), cutoff.value(), cutoff.isParam()))
                        .containsExactly("/osc/synth/cutoff", Value.of(0.5), true);

                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                    clasp.set("/osc/desk/fader/1", Value.of(7)).get(30, TimeUnit.SECONDS);
                    return !dump.lines.isEmpty();   // oscdump prints once it is bound
                });
                assertThat(dump.lines.get(0)).isEqualTo("/desk/fader/1 i 7");
            } finally {
                ws.close();
            }
        }
    }

    private static WebSocketTransportConfig webSocketConfig() {
        Map<String, Object> values = Map.of("host", "127.0.0.1", "port", 0, "pingIntervalSeconds", 0);
        return (WebSocketTransportConfig) Proxy.newProxyInstance(ClaspClientTest.class.getClassLoader(),
                new Class<?>[] {WebSocketTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> WebSocketTransportConfig.class;
                    case "toString" -> "WebSocketTransportConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** The listener reads only its data folder from the framework: the default. */
    private static BundleContext noFramework() {
        return (BundleContext) Proxy.newProxyInstance(ClaspClientTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) return null;
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
