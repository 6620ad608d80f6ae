package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.PublishMessage;
import clasp.api.router.LocalSession;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Persistent sessions: subscriptions and QoS 1/2 messages kept while the client is away, resent on its return. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersistentSessionTest {
    private static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = new TestBroker("maxQueuedMessages", 3);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static void awaitParked(int n) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> broker.transport.parkedSessions() == n);
    }

    private static void publishAtQos2(String topic, String payload) throws Exception {
        try (RawMqttClient publisher = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            publisher.connect("qos2-publisher", 0, true);
            publisher.publish(topic, payload, 2, false, 7);
            assertThat(publisher.next().type()).isEqualTo(MqttMessageType.PUBREC);
            publisher.reply(MqttMessageType.PUBREL, 7);
            assertThat(publisher.next().type()).isEqualTo(MqttMessageType.PUBCOMP);
        }
    }

    private static boolean sessionPresent(Packet connAck) {
        return connAck.detail() == MqttConnectReturnCode.CONNECTION_ACCEPTED && connAck.sessionPresent();
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAwayAndKeepsItsSubscriptions() throws Exception {
        try (RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(sessionPresent(first.connect("keeper", 0, false))).isFalse();
            first.subscribe(1, "persist/#", 1);
            assertThat(first.next().type()).isEqualTo(MqttMessageType.SUBACK);
            first.simple(MqttMessageType.DISCONNECT);
            assertThat(first.closedByServer()).isTrue();
        }
        awaitParked(1);
        long dropped = broker.transport.refused(MqttRefusal.QUEUE_FULL);
        try (LocalSession clasp = broker.clasp("writer-away")) {
            clasp.set("/mqtt/persist/a", Value.of(1L));
            clasp.publish(new PublishMessage("/mqtt/persist/s", SignalType.STREAM, Value.of(0.5), null, null, null,
                    GesturePhase.START, null));   // QoS 0: not queued
            clasp.set("/mqtt/persist/a", Value.of(2L));
            clasp.publish(PublishMessage.event("/mqtt/persist/e", Value.of("evt")));
            clasp.set("/mqtt/persist/b", Value.of(3L));   // the 4th for maxQueuedMessages 3: dropped, counted
        }
        assertThat(broker.transport.refused(MqttRefusal.QUEUE_FULL)).isEqualTo(dropped + 1);
        try (RawMqttClient back = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(sessionPresent(back.connect("keeper", 0, false))).isTrue();
            assertThat(broker.transport.parkedSessions()).isZero();
            List<String> got = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Packet p = back.next();
                assertThat(p.qos()).isEqualTo(1);
                got.add(p.topic() + "=" + p.payload());
                back.reply(MqttMessageType.PUBACK, p.packetId());
            }
            assertThat(got).containsExactly("persist/a=1", "persist/a=2", "persist/e=evt");
            broker.set("/mqtt/persist/live", Value.of(4L));   // the subscription was kept: no SUBSCRIBE needed
            Packet live = back.next();
            assertThat(List.of(live.topic(), live.payload())).containsExactly("persist/live", "4");
        }
        awaitParked(1);
        try (RawMqttClient clean = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(sessionPresent(clean.connect("keeper", 0, true))).isFalse();   // a clean session drops it
        }
        awaitParked(0);
    }

    @Test
    void anUnacknowledgedMessageIsResentWithDupAndTheSamePacketId() throws Exception {
        Packet original;
        try (RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            MqttProperties expiry = new MqttProperties();
            expiry.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 60));
            first.connect(MqttMessageBuilders.connect().clientId("forgetful").protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(true).properties(expiry).build());
            first.subscribe(1, "dup/+", 1);
            assertThat(first.next().type()).isEqualTo(MqttMessageType.SUBACK);
            broker.set("/mqtt/dup/x", Value.of("once"));
            original = first.next();
            assertThat(original.dup()).isFalse();
        }   // closed without PUBACK
        awaitParked(1);
        try (RawMqttClient back = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            MqttProperties expiry = new MqttProperties();
            expiry.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), 60));
            Packet connAck = back.connect(MqttMessageBuilders.connect().clientId("forgetful").protocolVersion(MqttVersion.MQTT_5)
                    .cleanSession(false).properties(expiry).build());
            assertThat(sessionPresent(connAck)).isTrue();
            Packet again = back.next();
            assertThat(again.dup()).isTrue();
            assertThat(List.of(again.topic(), again.payload(), again.packetId())).containsExactly("dup/x", "once", original.packetId());
            back.reply(MqttMessageType.PUBACK, again.packetId());
            back.simple(MqttMessageType.PINGREQ);
            assertThat(back.next().type()).isEqualTo(MqttMessageType.PINGRESP);
        }
        awaitParked(1);
        try (RawMqttClient clean = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            assertThat(sessionPresent(clean.connect("forgetful", 0, true))).isFalse();
        }
        awaitParked(0);
    }

    @Test
    void aQos2MessageTheClientHadReceivedGetsItsPubrelAgain() throws Exception {
        int id;
        try (RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            first.connect("half-way", 0, false);
            first.subscribe(1, "half/+", 2);
            assertThat(first.next().type()).isEqualTo(MqttMessageType.SUBACK);
            publishAtQos2("half/x", "5");   // delivered at the lower of the publisher's QoS and the granted one
            Packet p = first.next();
            assertThat(p.qos()).isEqualTo(2);
            id = p.packetId();
            first.reply(MqttMessageType.PUBREC, id);
            Packet rel = first.next();
            assertThat(List.of(rel.type(), rel.packetId())).containsExactly(MqttMessageType.PUBREL, id);
        }   // gone before PUBCOMP
        awaitParked(1);
        try (RawMqttClient back = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(sessionPresent(back.connect("half-way", 0, false))).isTrue();
            Packet rel = back.next();   // not the PUBLISH again: the client has it
            assertThat(List.of(rel.type(), rel.packetId())).containsExactly(MqttMessageType.PUBREL, id);
            back.reply(MqttMessageType.PUBCOMP, id);
            back.simple(MqttMessageType.PINGREQ);
            assertThat(back.next().type()).isEqualTo(MqttMessageType.PINGRESP);
        }
        awaitParked(1);
        try (RawMqttClient clean = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            clean.connect("half-way", 0, true);
        }
        awaitParked(0);
    }

    @Test
    void theRoutersIdleTimeoutDoesNotEndAParkedSession() throws Exception {
        clasp.router.internal.RouterSettings d = clasp.router.internal.RouterSettings.defaults();
        clasp.router.internal.RouterSettings quickIdle = new clasp.router.internal.RouterSettings(d.name(), d.maxSessions(),
                d.maxHandshaking(), d.helloTimeoutSeconds(), 1, d.maxParams(), d.maxSignals(), d.maxSubscriptionsPerSession(),
                d.rateLimitPerSecond(), d.malformedLimit(), 1, d.maxQueuedBytes(), d.localQueueLimit(), d.gestureCoalescing(),
                d.gestureCoalesceIntervalMs(), d.listenerThreads(), d.retryWindow(), d.bundleHorizonSeconds(),
                d.maxScheduledBundlesPerSession(), d.conflictStrategies(), d.lockLeaseSeconds(), d.paramTtlSeconds(),
                d.gestureIdleSeconds(), d.profile(), d.streamHistoryDepth(), d.streamHistoryAddresses(), d.hookBudgetMillis(),
                d.bridgeThreads(), d.maxScheduledBundles());
        try (TestBroker idle = new TestBroker(quickIdle, java.nio.file.Path.of("target", "no-data"))) {
            try (RawMqttClient away = new RawMqttClient(idle.port(), MqttVersion.MQTT_3_1_1)) {
                away.connect("sleeper", 0, false);
                away.subscribe(1, "nap/+", 1);
                assertThat(away.next().type()).isEqualTo(MqttMessageType.SUBACK);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> idle.transport.parkedSessions() == 1);
            // A connected client that sends nothing is closed by the router's idle timeout (1 s here)...
            try (RawMqttClient silent = new RawMqttClient(idle.port(), MqttVersion.MQTT_3_1_1)) {
                silent.connect("silent", 0, true);
                assertThat(silent.closedByServer()).isTrue();
            }
            // ...while the parked session, away for longer, is still there.
            assertThat(idle.transport.parkedSessions()).isEqualTo(1);
            idle.set("/mqtt/nap/a", Value.of(1L));
            try (RawMqttClient back = new RawMqttClient(idle.port(), MqttVersion.MQTT_3_1_1)) {
                assertThat(sessionPresent(back.connect("sleeper", 0, false))).isTrue();
                Packet p = back.next();
                assertThat(List.of(p.topic(), p.payload())).containsExactly("nap/a", "1");
            }
        }
    }

    @Test
    void aCleanSessionReconnectGetsNothingOfWhatWasPublishedWhileAway() throws Exception {
        try (RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            first.connect("fresh", 0, false);
            first.subscribe(1, "fresh/#", 1);
            assertThat(first.next().type()).isEqualTo(MqttMessageType.SUBACK);
        }
        awaitParked(1);
        broker.set("/mqtt/fresh/a", Value.of(1L));
        try (RawMqttClient clean = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
            assertThat(sessionPresent(clean.connect("fresh", 0, true))).isFalse();
            clean.simple(MqttMessageType.PINGREQ);
            assertThat(clean.next().type()).isEqualTo(MqttMessageType.PINGRESP);   // no queued message before it
            broker.set("/mqtt/fresh/a", Value.of(2L));   // and no subscription either
            clean.subscribe(2, "other/x", 0);
            assertThat(clean.next().type()).isEqualTo(MqttMessageType.SUBACK);
        }
        awaitParked(0);
    }
}
