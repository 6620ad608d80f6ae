package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.Value;
import clasp.client.ClaspClient;
import clasp.client.Update;
import clasp.protocol.transport.Transport;
import clasp.transport.websocket.internal.WebSocketTransport;
import clasp.transport.websocket.internal.WebSocketTransportConfig;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.BundleContext;

/** A CLASP client over the router's WebSocket listener and an MQTT client on the adapter see each other's writes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClaspClientTest {

    @Test
    void aClaspWebSocketClientAndAnMqttClientSeeEachOthersWrites() throws Exception {
        try (TestBroker broker = new TestBroker()) {
            WebSocketTransport ws = new WebSocketTransport(webSocketConfig(), Map.of(Transport.ID, "adapter-test"), noFramework());
            ws.open(broker.router::accept);
            try (ClaspClient clasp = ClaspClient.builder(URI.create(ws.endpoint().replace("0.0.0.0", "127.0.0.1")))
                    .build().connect(Duration.ofSeconds(30));
                 RawMqttClient mqtt = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
                List<Update> updates = new CopyOnWriteArrayList<>();
                clasp.subscribe("/mqtt/desk/**", updates::add).get(30, TimeUnit.SECONDS);
                mqtt.connect("desk", 0, true);
                mqtt.subscribe(1, "desk/#", 1);
                assertThat(mqtt.next().type()).isEqualTo(MqttMessageType.SUBACK);

                clasp.set("/mqtt/desk/fader", Value.of(0.75)).get(30, TimeUnit.SECONDS);
                Packet p = mqtt.next();
                assertThat(List.of(p.topic(), p.payload(), p.qos(), p.retain())).containsExactly("desk/fader", "0.75", 1, false);
                mqtt.reply(MqttMessageType.PUBACK, p.packetId());

                mqtt.publish("desk/button", "true", 1, true, 2);
                Packet echo = mqtt.next();   // a SET comes back to its subscribed writer, before its ACK (router rule)
                assertThat(List.of(echo.type(), echo.topic(), echo.payload())).containsExactly(MqttMessageType.PUBLISH, "desk/button", "true");
                mqtt.reply(MqttMessageType.PUBACK, echo.packetId());
                Packet ack = mqtt.next();
                assertThat(List.of(ack.type(), ack.packetId())).containsExactly(MqttMessageType.PUBACK, 2);
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> updates.stream()
                        .anyMatch(u -> u.address().equals("/mqtt/desk/button")));
                Update button = updates.stream().filter(u -> u.address().equals("/mqtt/desk/button")).findFirst().orElseThrow();
                assertThat(button.value()).isEqualTo(Value.of(true));
                assertThat(button.isParam()).isTrue();
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
