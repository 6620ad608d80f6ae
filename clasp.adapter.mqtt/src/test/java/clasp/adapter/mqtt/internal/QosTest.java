package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.router.LocalSession;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** QoS 0, 1 and 2 in both directions, with Paho 3.1.1 and 5 clients and with a bare client for exact packets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QosTest {
    private static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    record Received(String topic, String payload, int qos, boolean retained) {
    }

    @Test
    void pahoClientsOf311And5ExchangeQos0To2BothWays() throws Exception {
        List<Received> got = new CopyOnWriteArrayList<>();
        org.eclipse.paho.mqttv5.client.MqttClient v5 = new org.eclipse.paho.mqttv5.client.MqttClient(broker.uri(), "paho5-sub",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttClient v3 = new MqttClient(broker.uri(), "paho3-pub", new MemoryPersistence());
        try {
            MqttConnectionOptions o5 = new MqttConnectionOptions();
            o5.setCleanStart(true);
            v5.connect(o5);
            v5.subscribe(new MqttSubscription[] {new MqttSubscription("qos/#", 2)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) ->
                            got.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained()))});
            MqttConnectOptions o3 = new MqttConnectOptions();
            o3.setCleanSession(true);
            v3.connect(o3);
            v3.publish("qos/zero", "0".getBytes(StandardCharsets.UTF_8), 0, false);
            v3.publish("qos/one", "1".getBytes(StandardCharsets.UTF_8), 1, false);   // returns after PUBACK
            v3.publish("qos/two", "2".getBytes(StandardCharsets.UTF_8), 2, false);   // returns after PUBCOMP
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> got.size() == 3);
            // The subscriber was granted QoS 2: each message reaches it at the QoS it was published with (the lower of
            // the two), the QoS 2 one completing PUBREC/PUBREL/PUBCOMP.
            assertThat(got).containsExactly(new Received("qos/zero", "0", 0, false), new Received("qos/one", "1", 1, false),
                    new Received("qos/two", "2", 2, false));
        } finally {
            if (v3.isConnected()) v3.disconnect();
            v3.close();
            if (v5.isConnected()) v5.disconnect();
            v5.close();
        }
    }

    @Test
    void aQos2PublishRepeatedBeforePubrelIsAppliedOnceAndAnsweredTwice() throws Exception {
        try (LocalSession clasp = broker.clasp("q2-observer"); RawMqttClient c = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            List<Message> seen = broker.subscribe(clasp, "/mqtt/once/**");
            c.connect("q2-in", 0, true);
            c.publish("once/x", "7", 2, false, 7);
            c.publish("once/x", "7", 2, false, 7);   // DUP: the client did not see PUBREC yet
            Packet first = c.next();
            Packet second = c.next();
            assertThat(List.of(first.type(), second.type())).containsExactly(MqttMessageType.PUBREC, MqttMessageType.PUBREC);
            assertThat(List.of(first.packetId(), second.packetId())).containsExactly(7, 7);
            c.reply(MqttMessageType.PUBREL, 7);
            Packet comp = c.next();
            assertThat(comp.type()).isEqualTo(MqttMessageType.PUBCOMP);
            assertThat(comp.packetId()).isEqualTo(7);
            // After PUBREL the id is free again: the same id is a new message.
            c.publish("once/x", "8", 2, false, 7);
            assertThat(c.next().type()).isEqualTo(MqttMessageType.PUBREC);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 2);
            assertThat(seen).containsExactly(PublishMessage.event("/mqtt/once/x", Value.of(7L)),
                    PublishMessage.event("/mqtt/once/x", Value.of(8L)));
        }
    }

    @Test
    void qos2ToAClientCompletesWithPubrecPubrelPubcomp() throws Exception {
        try (RawMqttClient sub = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
             RawMqttClient pub = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            sub.connect("q2-sub", 0, true);
            sub.subscribe(1, "out2/+", 2);
            assertThat(sub.next().detail()).isEqualTo(List.of(2));
            pub.connect("q2-pub", 0, true);
            pub.publish("out2/a", "hello", 2, false, 3);
            Packet p = sub.next();
            assertThat(p.type()).isEqualTo(MqttMessageType.PUBLISH);
            assertThat(p.qos()).isEqualTo(2);
            assertThat(p.topic()).isEqualTo("out2/a");
            assertThat(p.payload()).isEqualTo("hello");
            sub.reply(MqttMessageType.PUBREC, p.packetId());
            Packet rel = sub.next();
            assertThat(rel.type()).isEqualTo(MqttMessageType.PUBREL);
            assertThat(rel.packetId()).isEqualTo(p.packetId());
            sub.reply(MqttMessageType.PUBCOMP, p.packetId());
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBREC);
        }
    }

    @Test
    void aQos2PublishReachesASubscriptionGrantedQos1AtQos1() throws Exception {
        try (RawMqttClient sub = new RawMqttClient(broker.port(), MqttVersion.MQTT_5);
             RawMqttClient pub = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            sub.connect("q1-sub", 0, true);
            sub.subscribe(1, "cap1/+", 1);
            assertThat(sub.next().detail()).isEqualTo(List.of(1));
            pub.connect("q2-to-q1", 0, true);
            pub.publish("cap1/a", "x", 2, false, 4);
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBREC);
            Packet p = sub.next();
            assertThat(List.of(p.topic(), p.payload(), p.qos())).containsExactly("cap1/a", "x", 1);
            sub.reply(MqttMessageType.PUBACK, p.packetId());
            pub.reply(MqttMessageType.PUBREL, 4);
            assertThat(pub.next().type()).isEqualTo(MqttMessageType.PUBCOMP);
        }
    }

    @Test
    void theInFlightWindowHoldsFurtherQos1MessagesUntilAPuback() throws Exception {
        try (TestBroker small = new TestBroker("maxInflight", 2);
             RawMqttClient sub = new RawMqttClient(small.port(), MqttVersion.MQTT_3_1_1)) {
            sub.connect("window", 0, true);
            sub.subscribe(1, "w/+", 1);
            assertThat(sub.next().type()).isEqualTo(MqttMessageType.SUBACK);
            small.set("/mqtt/w/a", Value.of(1L));
            small.set("/mqtt/w/b", Value.of(2L));
            small.set("/mqtt/w/c", Value.of(3L));
            Packet a = sub.next();
            Packet b = sub.next();
            assertThat(List.of(a.topic(), b.topic())).containsExactly("w/a", "w/b");
            sub.simple(MqttMessageType.PINGREQ);
            assertThat(sub.next().type()).isEqualTo(MqttMessageType.PINGRESP);   // w/c waits for the window
            sub.reply(MqttMessageType.PUBACK, a.packetId());
            Packet c = sub.next();
            assertThat(c.topic()).isEqualTo("w/c");
            assertThat(c.payload()).isEqualTo("3");
            assertThat(c.qos()).isEqualTo(1);
        }
    }

    @Test
    void streamsAreDeliveredAtQos0WhateverTheGrant() throws Exception {
        try (LocalSession clasp = broker.clasp("streamer"); RawMqttClient sub = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            sub.connect("stream-sub", 0, true);
            sub.subscribe(1, "fader/#", 2);
            assertThat(sub.next().type()).isEqualTo(MqttMessageType.SUBACK);
            clasp.publish(new PublishMessage("/mqtt/fader/1", SignalType.STREAM, Value.of(0.5), null, null, null, GesturePhase.START, null));
            Packet p = sub.next();
            assertThat(p.topic()).isEqualTo("fader/1");
            assertThat(p.payload()).isEqualTo("0.5");
            assertThat(p.qos()).isEqualTo(0);
        }
    }
}
