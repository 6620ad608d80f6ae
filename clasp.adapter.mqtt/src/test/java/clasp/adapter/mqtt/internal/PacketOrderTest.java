package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact packet sequences (bridges.md §8.2/§8.3) seen by a bare MQTT 3.1.1 client on a socket. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PacketOrderTest {
    private static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static RawMqttClient connected(String id) throws Exception {
        RawMqttClient c = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
        Packet connAck = c.connect(id, 0, true);
        assertThat(connAck.type()).isEqualTo(MqttMessageType.CONNACK);
        assertThat(connAck.detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return c;
    }

    @Test
    void subscribeGetsSubackFirstThenTheRetainedParamsThenLiveMessagesWithoutRetain() throws Exception {
        broker.set("/mqtt/order/a", Value.of(1L));
        broker.set("/mqtt/order/b", Value.of("text"));
        broker.set("/elsewhere/c", Value.of(3L));
        try (RawMqttClient c = connected("order-1")) {
            c.subscribe(5, "order/+", 1);
            Packet subAck = c.next();
            assertThat(subAck.type()).isEqualTo(MqttMessageType.SUBACK);
            assertThat(subAck.packetId()).isEqualTo(5);
            assertThat(subAck.detail()).isEqualTo(List.of(1));
            Packet first = c.next();
            Packet second = c.next();
            assertThat(List.of(first.topic() + "=" + first.payload(), second.topic() + "=" + second.payload()))
                    .containsExactlyInAnyOrder("order/a=1", "order/b=text");
            assertThat(List.of(first, second)).allSatisfy(p -> {
                assertThat(p.retain()).isTrue();
                assertThat(p.qos()).isEqualTo(1);
            });
            c.reply(MqttMessageType.PUBACK, first.packetId());
            c.reply(MqttMessageType.PUBACK, second.packetId());
            broker.set("/mqtt/order/a", Value.of(2L));
            Packet live = c.next();
            assertThat(live.topic()).isEqualTo("order/a");
            assertThat(live.payload()).isEqualTo("2");
            assertThat(live.retain()).isFalse();
        }
    }

    @Test
    void qos0PublishBecomesAClaspEventAndARetainedOneAParam() throws Exception {
        try (LocalSession clasp = broker.clasp("observer"); RawMqttClient c = connected("pub-0")) {
            List<Message> seen = broker.subscribe(clasp, "/mqtt/q0/**");
            c.publish("q0/event", "42", 0, false, 0);
            c.publish("q0/param", "{\"on\":true}", 0, true, 0);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 2);
            assertThat(seen.get(0)).isEqualTo(PublishMessage.event("/mqtt/q0/event", Value.of(42L)));
            assertThat(seen.get(1)).isInstanceOfSatisfying(SetMessage.class, s -> {
                assertThat(s.address()).isEqualTo("/mqtt/q0/param");
                assertThat(s.value()).isEqualTo(Value.of(java.util.Map.of("on", Value.of(true))));
            });
            assertThat(clasp.get("/mqtt/q0/param")).isPresent();
            assertThat(clasp.get("/mqtt/q0/event")).isEmpty();
        }
    }

    @Test
    void withNonRetainedParamEveryPublishIsAParamReplayedAsRetainedToALaterSubscriber() throws Exception {
        try (TestBroker reference = new TestBroker("nonRetained", "param");
             RawMqttClient publisher = new RawMqttClient(reference.port(), MqttVersion.MQTT_3_1_1);
             RawMqttClient late = new RawMqttClient(reference.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(publisher.connect("ref-pub", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            publisher.publish("sensor/t", "21.5", 1, false, 7);
            Packet ack = publisher.next();
            assertThat(ack.type()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(ack.packetId()).isEqualTo(7);
            try (LocalSession clasp = reference.clasp("reader")) {
                assertThat(clasp.get("/mqtt/sensor/t").map(p -> p.value())).contains(Value.of(21.5));
            }
            assertThat(late.connect("ref-late", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            late.subscribe(3, "sensor/#", 0);
            assertThat(late.next().type()).isEqualTo(MqttMessageType.SUBACK);
            Packet replayed = late.next();
            assertThat(replayed.topic() + "=" + replayed.payload()).isEqualTo("sensor/t=21.5");
            assertThat(replayed.retain()).isTrue();
        }
    }

    @Test
    void withPayloadJsonAPayloadThatIsNoJsonIsRefusedWithPayloadFormatInvalidAndNothingIsWritten() throws Exception {
        try (TestBroker json = new TestBroker("payload", "json");
             RawMqttClient v5 = new RawMqttClient(json.port(), MqttVersion.MQTT_5);
             LocalSession clasp = json.clasp("reader")) {
            v5.connect("json-5", 0, true);
            v5.publish("cfg/a", "not json", 1, true, 4);
            Packet refused = v5.next();
            assertThat(refused.type()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(refused.packetId()).isEqualTo(4);
            assertThat(refused.detail()).isEqualTo((byte) 0x99);
            v5.publish("cfg/a", "{\"on\":true}", 1, true, 5);
            Packet accepted = v5.next();
            assertThat(accepted.packetId()).isEqualTo(5);
            assertThat(accepted.detail()).isEqualTo((byte) 0x00);
            assertThat(clasp.get("/mqtt/cfg/a").map(p -> p.value()))
                    .contains(Value.of(java.util.Map.of("on", Value.of(true))));
        }
    }

    @Test
    void pingreqGetsPingresp() throws Exception {
        try (RawMqttClient c = connected("pinger")) {
            c.simple(MqttMessageType.PINGREQ);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.PINGRESP);
        }
    }
}
