package clasp.adapter.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.adapter.mqtt.internal.RawMqttClient.Packet;
import clasp.api.Value;
import clasp.api.auth.Action;
import clasp.api.auth.Authoriser;
import clasp.api.auth.Principal;
import clasp.api.router.SessionInfo;
import clasp.router.internal.RouterSettings;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener as a whole: many clients on one event loop, the principal and authoriser, and a clean close. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ListenerTest {

    private static boolean adapterThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(MqttTransport.THREAD_PREFIX));
    }

    @Test
    void fiveHundredClientsSubscribeAndReceiveOverOneEventLoopAndCloseLeavesNoThread() throws Exception {
        List<RawMqttClient> clients = new ArrayList<>();
        // 500 clients from one address, at once: the per-address limits are off
        try (TestBroker broker = new TestBroker("ioThreads", 1, "maxConnectionsPerIp", 0, "maxHandshakesPerSecond", 0)) {
            try {
                for (int i = 0; i < 500; i++) {
                    RawMqttClient c = new RawMqttClient(broker.port(), i % 2 == 0 ? MqttVersion.MQTT_3_1_1 : MqttVersion.MQTT_5);
                    clients.add(c);
                    assertThat(c.connect("many-" + i, 0, true).type()).isEqualTo(MqttMessageType.CONNACK);
                    c.subscribe(1, "fan/out", 0);
                }
                for (RawMqttClient c : clients) assertThat(c.next().type()).isEqualTo(MqttMessageType.SUBACK);
                assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith(MqttTransport.THREAD_PREFIX + "test-io")).count()).isEqualTo(1);
                assertThat(broker.router.sessions()).hasSize(500);
                broker.set("/mqtt/fan/out", Value.of(500L));
                for (RawMqttClient c : clients) {
                    Packet p = c.next();
                    assertThat(List.of(p.topic(), p.payload())).containsExactly("fan/out", "500");
                }
                broker.transport.close();
                Packet goingAway = clients.get(1).next();   // an MQTT 5 client is told why
                assertThat(goingAway.type()).isEqualTo(MqttMessageType.DISCONNECT);
                assertThat(goingAway.detail()).isEqualTo((byte) 0x8B);
                for (RawMqttClient c : clients.subList(0, 10)) assertThat(c.closedByServer()).isTrue();
            } finally {
                for (RawMqttClient c : clients) c.close();
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !adapterThreadsAlive());
    }

    @Test
    void pastTheRoutersSessionLimitAClientGetsConnackServerUnavailable() throws Exception {
        RouterSettings d = RouterSettings.defaults();
        RouterSettings oneSession = new RouterSettings(d.name(), 1, d.maxHandshaking(), d.helloTimeoutSeconds(),
                d.sessionTimeoutSeconds(), d.maxParams(), d.maxSignals(), d.maxSubscriptionsPerSession(), d.rateLimitPerSecond(),
                d.malformedLimit(), d.stallTimeoutSeconds(), d.maxQueuedBytes(), d.localQueueLimit(), d.gestureCoalescing(),
                d.gestureCoalesceIntervalMs(), d.listenerThreads(), d.retryWindow(), d.bundleHorizonSeconds(),
                d.maxScheduledBundlesPerSession(), d.conflictStrategies(), d.lockLeaseSeconds(), d.paramTtlSeconds(),
                d.gestureIdleSeconds(), d.profile(), d.streamHistoryDepth(), d.streamHistoryAddresses(), d.hookBudgetMillis(),
                d.bridgeThreads(), d.maxScheduledBundles());
        try (TestBroker broker = new TestBroker(oneSession, java.nio.file.Path.of("target", "no-data"));
             RawMqttClient first = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
             RawMqttClient v3 = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1);
             RawMqttClient v5 = new RawMqttClient(broker.port(), MqttVersion.MQTT_5)) {
            assertThat(first.connect("one", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(v3.connect("two", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            assertThat(v3.closedByServer()).isTrue();
            assertThat(v5.connect("three", 0, true).detail()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY);
            assertThat(v5.closedByServer()).isTrue();
            first.simple(MqttMessageType.PINGREQ);
            assertThat(first.next().type()).isEqualTo(MqttMessageType.PINGRESP);
        }
    }

    @Test
    void eachClientIsASessionWithAPrincipalNamedAfterItsClientIdAndPassesTheAuthoriser() throws Exception {
        record Call(Principal principal, Action action, String address) {
        }
        List<Call> calls = new CopyOnWriteArrayList<>();
        Authoriser refusingDeny = (principal, action, address) -> {
            calls.add(new Call(principal, action, address));
            return address == null || !address.startsWith("/mqtt/deny");
        };
        try (TestBroker broker = new TestBroker()) {
            Method bind = broker.router.getClass().getDeclaredMethod("bindAuthoriser", Authoriser.class);
            bind.setAccessible(true);
            bind.invoke(broker.router, refusingDeny);
            try (RawMqttClient v5 = new RawMqttClient(broker.port(), MqttVersion.MQTT_5);
                 RawMqttClient v3 = new RawMqttClient(broker.port(), MqttVersion.MQTT_3_1_1)) {
                v5.connect("sensor-7", 0, true);
                v3.connect("sensor-3", 0, true);
                assertThat(broker.router.sessions()).extracting(SessionInfo::name, SessionInfo::peerIdentity)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("mqtt:sensor-7", "mqtt:sensor-7"),
                                org.assertj.core.groups.Tuple.tuple("mqtt:sensor-3", "mqtt:sensor-3"));
                v5.subscribe(1, "deny/#", 1);
                assertThat(v5.next().detail()).isEqualTo(List.of(0x87));
                v3.subscribe(1, "deny/#", 1);
                assertThat(v3.next().detail()).isEqualTo(List.of(0x80));
                v5.publish("deny/x", "1", 1, true, 2);
                Packet refused = v5.next();
                assertThat(refused.type()).isEqualTo(MqttMessageType.PUBACK);
                assertThat(refused.detail()).isEqualTo((byte) 0x87);
                v5.publish("ok/x", "1", 1, true, 3);
                Packet accepted = v5.next();
                assertThat(accepted.packetId()).isEqualTo(3);
                assertThat(accepted.detail()).isEqualTo((byte) 0x00);
                Principal sensor7 = new Principal("mqtt:sensor-7", Set.of(Principal.ALL));
                assertThat(calls).contains(new Call(sensor7, Action.SUBSCRIBE, "/mqtt/deny/**"),
                        new Call(sensor7, Action.SET, "/mqtt/deny/x"), new Call(sensor7, Action.SET, "/mqtt/ok/x"));
                v5.subscribe(4, "ok/#", 1);
                Packet subAck = v5.next();
                assertThat(subAck.packetId()).isEqualTo(4);
                assertThat(v5.next().topic()).isEqualTo("ok/x");   // retained, after the SUBACK
            }
        }
    }
}
