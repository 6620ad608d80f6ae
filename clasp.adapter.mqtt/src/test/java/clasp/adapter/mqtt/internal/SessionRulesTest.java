package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Subscriptions, wills, keep-alive, takeover and refusals (bridges.md §8.2/§8.3), packet by packet. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SessionRulesTest {
    private static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static RawMqttClient client(String id, MqttVersion version) throws Exception {
        RawMqttClient c = new RawMqttClient(broker.port(), version);
        assertThat(c.connect(id, 0, true).type()).isEqualTo(MqttMessageType.CONNACK);
        return c;
    }

    private static MqttConnectMessage withWill(String id, MqttVersion version, int keepAlive) {
        return MqttMessageBuilders.connect().clientId(id).protocolVersion(version).keepAlive(keepAlive).cleanSession(true)
                .willFlag(true).willTopic("status/" + id).willMessage("gone".getBytes(StandardCharsets.UTF_8))
                .willQoS(MqttQoS.AT_LEAST_ONCE).willRetain(false).build();
    }

    @Test
    void unsubscribeStopsDeliveryOfThatFilterOnly() throws Exception {
        try (RawMqttClient c = client("unsub", MqttVersion.MQTT_3_1_1)) {
            c.subscribe(1, "un/a", 0);
            c.subscribe(2, "un/b", 0);
            assertThat(c.next().packetId()).isEqualTo(1);
            assertThat(c.next().packetId()).isEqualTo(2);
            c.unsubscribe(3, "un/a");
            Packet unsubAck = c.next();
            assertThat(unsubAck.type()).isEqualTo(MqttMessageType.UNSUBACK);
            assertThat(unsubAck.packetId()).isEqualTo(3);
            broker.set("/mqtt/un/a", Value.of(1L));
            broker.set("/mqtt/un/b", Value.of(2L));
            Packet next = c.next();   // un/a, written first, is not delivered
            assertThat(next.topic()).isEqualTo("un/b");
            assertThat(next.payload()).isEqualTo("2");
        }
    }

    @Test
    void overlappingFiltersDeliverOnceAtTheHighestGrantedQos() throws Exception {
        try (RawMqttClient c = client("overlap", MqttVersion.MQTT_3_1_1)) {
            c.subscribe(1, "ov/#", 0);
            c.subscribe(2, "ov/+", 1);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
            broker.set("/mqtt/ov/x", Value.of(1L));
            broker.set("/mqtt/ov/x/deep", Value.of(2L));
            Packet x = c.next();
            assertThat(x.topic()).isEqualTo("ov/x");
            assertThat(x.qos()).isEqualTo(1);
            Packet deep = c.next();   // only "ov/#" matches: once, at its QoS 0
            assertThat(deep.topic()).isEqualTo("ov/x/deep");
            assertThat(deep.qos()).isEqualTo(0);
        }
    }

    @Test
    void dollarTopicsAreNotMatchedByLeadingWildcards() throws Exception {
        try (TestBroker fresh = new TestBroker(); RawMqttClient c = new RawMqttClient(fresh.port(), MqttVersion.MQTT_3_1_1)) {
            c.connect("dollar", 0, true);
            c.subscribe(1, "#", 0);
            c.subscribe(2, "$SYS/+", 0);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
            fresh.set("/mqtt/$SYS/x", Value.of(1L));   // "$SYS/+" matches: once
            fresh.set("/mqtt/$OTHER/x", Value.of(2L)); // only "#": not delivered
            fresh.set("/mqtt/plain", Value.of(3L));
            assertThat(c.next().topic()).isEqualTo("$SYS/x");
            assertThat(c.next().topic()).isEqualTo("plain");
        }
    }

    @Test
    void filtersAndTopicsThatCannotBeAddressesAreRefused() throws Exception {
        try (RawMqttClient v3 = client("bad-topics-3", MqttVersion.MQTT_3_1_1);
             RawMqttClient v5 = client("bad-topics-5", MqttVersion.MQTT_5)) {
            v3.subscribe(1, "a/*", 1);
            assertThat(v3.next().detail()).isEqualTo(List.of(0x80));
            v5.subscribe(1, "a//b", 1);
            assertThat(v5.next().detail()).isEqualTo(List.of(0x8F));
            v5.publish("x/*", "1", 1, false, 9);
            Packet refused = v5.next();
            assertThat(refused.type()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(refused.detail()).isEqualTo((byte) 0x90);
            long before = broker.transport.refused(MqttRefusal.PUBLISH_REFUSED);
            v3.publish("x/*", "1", 1, false, 9);   // 3.1.1 has no failure code: acknowledged, dropped, counted
            assertThat(v3.next().type()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(broker.transport.refused(MqttRefusal.PUBLISH_REFUSED)).isEqualTo(before + 1);
        }
    }

    @Test
    void anEmptyRetainedPublishClearsTheRetainedMessage() throws Exception {
        try (RawMqttClient pub = client("clearer", MqttVersion.MQTT_3_1_1)) {
            pub.publish("clear/a", "on", 1, true, 1);
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBACK);
            pub.publish("clear/a", "", 1, true, 2);
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBACK);
            pub.publish("clear/b", "kept", 1, true, 3);
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBACK);
            try (RawMqttClient sub = client("clear-sub", MqttVersion.MQTT_3_1_1)) {
                sub.subscribe(1, "clear/+", 0);
                assertThat(sub.next().type()).isEqualTo(MqttMessageType.SUBACK);
                Packet only = sub.next();
                assertThat(only.topic()).isEqualTo("clear/b");
                assertThat(only.retain()).isTrue();
                sub.simple(MqttMessageType.PINGREQ);
                assertThat(sub.next().type()).isEqualTo(MqttMessageType.PINGRESP);   // nothing for clear/a before it
            }
        }
    }

    @Test
    void theWillIsPublishedOnAnAbruptCloseAndNotAfterDisconnect() throws Exception {
        try (LocalSession clasp = broker.clasp("will-observer")) {
            List<Message> seen = broker.subscribe(clasp, "/mqtt/status/**");
            RawMqttClient clean = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
            clean.connect(withWill("polite", MqttVersion.MQTT_3_1_1, 0));
            clean.simple(MqttMessageType.DISCONNECT);
            assertThat(clean.closedByServer()).isTrue();
            clean.close();
            RawMqttClient abrupt = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
            abrupt.connect(withWill("crash", MqttVersion.MQTT_3_1_1, 0));
            abrupt.close();   // no DISCONNECT
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
            assertThat(seen).containsExactly(PublishMessage.event("/mqtt/status/crash", Value.of("gone")));
        }
    }

    @Test
    void keepAliveExpiryClosesWithReasonAndPublishesTheWill() throws Exception {
        try (LocalSession clasp = broker.clasp("keepalive-observer");
             RawMqttClient silent = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            List<Message> seen = broker.subscribe(clasp, "/mqtt/status/**");
            assertThat(silent.connect(withWill("sleepy", MqttVersion.MQTT_5, 1)).type()).isEqualTo(MqttMessageType.CONNACK);
            Packet disconnect = silent.next();   // after 1.5 s without a packet
            assertThat(disconnect.type()).isEqualTo(MqttMessageType.DISCONNECT);
            assertThat(disconnect.detail()).isEqualTo((byte) 0x8D);
            assertThat(silent.closedByServer()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
            assertThat(seen).containsExactly(PublishMessage.event("/mqtt/status/sleepy", Value.of("gone")));
        }
    }

    @Test
    void aSecondConnectWithTheSameClientIdTakesOver() throws Exception {
        try (RawMqttClient first = client("twin", MqttVersion.MQTT_5)) {
            long before = broker.transport.refused(MqttRefusal.TAKEN_OVER);
            try (RawMqttClient second = client("twin", MqttVersion.MQTT_5)) {
                Packet disconnect = first.next();
                assertThat(disconnect.type()).isEqualTo(MqttMessageType.DISCONNECT);
                assertThat(disconnect.detail()).isEqualTo((byte) 0x8E);
                assertThat(first.closedByServer()).isTrue();
                second.simple(MqttMessageType.PINGREQ);
                assertThat(second.next().type()).isEqualTo(MqttMessageType.PINGRESP);
                assertThat(broker.transport.refused(MqttRefusal.TAKEN_OVER)).isEqualTo(before + 1);
            }
        }
    }

    @Test
    void aMalformedPacketClosesOnlyThatConnection() throws Exception {
        try (RawMqttClient good = client("good", MqttVersion.MQTT_3_1_1);
             RawMqttClient bad = client("bad", MqttVersion.MQTT_3_1_1);
             RawMqttClient early = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            good.subscribe(1, "alive/+", 0);
            assertThat(good.next().type()).isEqualTo(MqttMessageType.SUBACK);
            long before = broker.transport.refused(MqttRefusal.MALFORMED);
            bad.raw((byte) 0x00, (byte) 0x00);   // packet type 0 is reserved
            assertThat(bad.closedByServer()).isTrue();
            early.simple(MqttMessageType.PINGREQ);   // anything before CONNECT
            assertThat(early.closedByServer()).isTrue();
            assertThat(broker.transport.refused(MqttRefusal.MALFORMED)).isEqualTo(before + 2);
            try (RawMqttClient other = client("other", MqttVersion.MQTT_3_1_1)) {
                other.publish("alive/x", "still", 0, false, 0);
            }
            Packet p = good.next();
            assertThat(p.topic()).isEqualTo("alive/x");
            assertThat(p.payload()).isEqualTo("still");
        }
    }

    @Test
    void aPacketAboveTheLimitClosesWithPacketTooLarge() throws Exception {
        try (RawMqttClient big = client("big", MqttVersion.MQTT_5)) {
            big.send(MqttMessageBuilders.publish().topicName("big/x").qos(MqttQoS.AT_MOST_ONCE)
                    .payload(Unpooled.wrappedBuffer(new byte[70_000])).build());
            Packet disconnect = big.next();
            assertThat(disconnect.type()).isEqualTo(MqttMessageType.DISCONNECT);
            assertThat(disconnect.detail()).isEqualTo((byte) 0x95);
            assertThat(big.closedByServer()).isTrue();
        }
    }

    @Test
    void aMessageAboveTheMqtt5ClientsMaximumPacketSizeIsNotSent() throws Exception {
        try (RawMqttClient small = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            io.netty.handler.codec.mqtt.MqttProperties limit = new io.netty.handler.codec.mqtt.MqttProperties();
            limit.add(new io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty(
                    io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), 64));
            small.connect(MqttMessageBuilders.connect().clientId("small").protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).properties(limit).build());
            small.subscribe(1, "size/+", 0);
            assertThat(small.next().type()).isEqualTo(MqttMessageType.SUBACK);
            long before = broker.transport.refused(MqttRefusal.TOO_BIG_FOR_CLIENT);
            broker.set("/mqtt/size/big", Value.of("x".repeat(100)));
            broker.set("/mqtt/size/ok", Value.of("fits"));
            Packet p = small.next();
            assertThat(List.of(p.topic(), p.payload())).containsExactly("size/ok", "fits");
            assertThat(broker.transport.refused(MqttRefusal.TOO_BIG_FOR_CLIENT)).isEqualTo(before + 1);
        }
    }

    @Test
    void aClaspWriterAndAnMqttClientSeeEachOthersWrites() throws Exception {
        try (LocalSession clasp = broker.clasp("clasp-peer"); RawMqttClient mqtt = client("mqtt-peer", MqttVersion.MQTT_3_1_1)) {
            List<Message> seen = broker.subscribe(clasp, "/mqtt/mix/**");
            mqtt.subscribe(1, "mix/#", 1);
            assertThat(mqtt.next().type()).isEqualTo(MqttMessageType.SUBACK);
            clasp.set("/mqtt/mix/fader", Value.of(0.25));
            Packet p = mqtt.next();
            assertThat(List.of(p.topic(), p.payload(), p.qos())).containsExactly("mix/fader", "0.25", 1);
            mqtt.reply(MqttMessageType.PUBACK, p.packetId());
            mqtt.publish("mix/button", "true", 1, true, 4);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().anyMatch(
                    m -> m instanceof SetMessage s && s.address().equals("/mqtt/mix/button")));
            assertThat(clasp.get("/mqtt/mix/button").orElseThrow().value()).isEqualTo(Value.of(true));
        }
    }
}
