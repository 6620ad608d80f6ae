package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.test.peers.router.Observer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bridge against a real mosquitto, in MQTT 5 and 3.1.1: one broker per bridge instance (so that instances do
 * not hear each other), all on one real router. Instance m5/m3: QoS 1, namespace /m5 or /m3, inbound '#'.
 * Instance q5/q3: QoS 2, namespace /q5 or /q3.
 */
class MqttBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static Harness router;
    private static final Map<String, Mosquitto> brokers = new java.util.HashMap<>();
    private static LocalSession writer;

    @BeforeAll static void start() {
        router = new Harness();
        writer = router.session();
        for (String version : List.of("5", "3.1.1")) {
            String v = version.equals("5") ? "5" : "3";
            Mosquitto m = Mosquitto.start();
            brokers.put("m" + v, m);
            router.bridge("m" + v, Map.of("brokerUri", m.uri(), "mqttVersion", version, "namespace", "/m" + v));
            Mosquitto q = Mosquitto.start();
            brokers.put("q" + v, q);
            router.bridge("q" + v, Map.of("brokerUri", q.uri(), "mqttVersion", version, "namespace", "/q" + v, "qos", 2));
        }
    }

    @AfterAll static void stop() {
        if (router != null) router.close();
        brokers.values().forEach(Mosquitto::close);
    }

    private static String v(String version) { return version.equals("5") ? "5" : "3"; }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void aClaspSetBecomesARetainedMessageAtTheBroker(String version) throws Exception {
        String v = v(version);
        writer.set("/m" + v + "/lights/1", Value.of(0.75));
        writer.set("/m" + v + "/lights/name", Value.of("desk"));
        writer.set("/m" + v + "/lights/on", Value.of(true));
        // retain flag 1, QoS 1 (as published), topic = address without the namespace, payload per §7.3
        assertThat(brokers.get("m" + v).retained("lights/1")).isEqualTo("1 1 lights/1 0.75");
        assertThat(brokers.get("m" + v).retained("lights/name")).isEqualTo("1 1 lights/name desk");
        assertThat(brokers.get("m" + v).retained("lights/on")).isEqualTo("1 1 lights/on true");
    }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void mosquittoPubBecomesASetWithTheValueTypeOfItsPayload(String version) {
        String v = v(version);
        Observer seen = router.observe("/m" + v + "/sensors/**");
        Mosquitto broker = brokers.get("m" + v);
        broker.pub("-q", "1", "-t", "sensors/temp", "-m", "22.5");
        broker.pub("-q", "1", "-t", "sensors/count", "-m", "42");
        broker.pub("-q", "1", "-t", "sensors/name", "-m", "\"x\"");
        broker.pub("-q", "1", "-t", "sensors/word", "-m", "hello");
        broker.pub("-q", "1", "-t", "sensors/map", "-m", "{\"a\":1,\"b\":[true,null]}");
        broker.pub("-q", "1", "-t", "sensors/big", "-m", "3.0");
        await().atMost(WAIT).until(() -> seen.size() >= 6);
        String ns = "/m" + v + "/sensors/";
        assertThat(seen.lines()).containsExactly(
                "SET " + ns + "temp FLOAT:22.5",
                "SET " + ns + "count INT:42",
                "SET " + ns + "name STRING:\"x\"",
                "SET " + ns + "word STRING:\"hello\"",
                "SET " + ns + "map MAP:{a=1, b=[true, null]}",
                "SET " + ns + "big FLOAT:3.0");
    }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void qos2RoundTrips(String version) throws Exception {
        String v = v(version);
        Mosquitto broker = brokers.get("q" + v);
        Observer seen = router.observe("/q" + v + "/in/**");
        broker.pub("-q", "2", "-t", "in/level", "-m", "7");
        await().atMost(WAIT).until(() -> !seen.messages().isEmpty());
        assertThat(seen.lines()).containsExactly("SET /q" + v + "/in/level INT:7");

        writer.set("/q" + v + "/out/level", Value.of(8L));
        assertThat(broker.retained("out/level")).isEqualTo("1 2 out/level 8");
    }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void aTwoWayMappingWritesEachValueOnce(String version) throws Exception {
        String v = v(version);
        Mosquitto broker = brokers.get("m" + v);
        Observer clasp = router.observe("/m" + v + "/loop/**");
        try (BrokerWatcher mqtt = new BrokerWatcher(broker, "loop/#")) {
            writer.set("/m" + v + "/loop/a", Value.of(1L));
            writer.set("/m" + v + "/loop/a", Value.of(2L));
            await().atMost(WAIT).until(() -> mqtt.seen.contains("loop/a 2"));
            broker.pub("-q", "1", "-t", "loop/b", "-m", "3");
            broker.pub("-q", "1", "-t", "loop/end", "-m", "4");
            // an echo of a=1 or a=2 would reach the bridge before loop/end, which the broker got later
            await().atMost(WAIT).until(() -> clasp.lines().stream().anyMatch(l -> l.contains("loop/end")));
            writer.set("/m" + v + "/loop/z", Value.of(5L));
            // b or end sent back by the bridge would reach the broker before z, which CLASP got later
            await().atMost(WAIT).until(() -> mqtt.seen.contains("loop/z 5"));
            String ns = "/m" + v + "/loop/";
            assertThat(clasp.lines()).containsExactly("SET " + ns + "a INT:1",
                    "SET " + ns + "a INT:2", "SET " + ns + "b INT:3",
                    "SET " + ns + "end INT:4", "SET " + ns + "z INT:5");
            assertThat(mqtt.seen).containsExactly("loop/a 1", "loop/a 2", "loop/b 3", "loop/end 4", "loop/z 5");
        }
    }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void twoInstancesOnTwoBrokersDoNotHearEachOther(String version) throws Exception {
        String v = v(version);
        Mosquitto a = brokers.get("m" + v);
        Mosquitto b = brokers.get("q" + v);
        Observer clasp = router.observe("/*" + "/ct/**");
        try (BrokerWatcher atA = new BrokerWatcher(a, "ct/#"); BrokerWatcher atB = new BrokerWatcher(b, "ct/#")) {
            writer.set("/m" + v + "/ct/a", Value.of(1L));
            writer.set("/q" + v + "/ct/b", Value.of(2L));
            writer.set("/m" + v + "/ct/end", Value.of(3L));
            writer.set("/q" + v + "/ct/end", Value.of(4L));
            await().atMost(WAIT).until(() -> atA.seen.contains("ct/end 3") && atB.seen.contains("ct/end 4"));
            assertThat(atA.seen).containsExactly("ct/a 1", "ct/end 3");
            assertThat(atB.seen).containsExactly("ct/b 2", "ct/end 4");

            a.pub("-q", "1", "-t", "ct/in", "-m", "5");
            await().atMost(WAIT).until(() -> clasp.lines().stream().anyMatch(l -> l.contains("/ct/in")));
            b.pub("-q", "1", "-t", "ct/in", "-m", "6");
            await().atMost(WAIT).until(() -> clasp.lines().stream().filter(l -> l.contains("/ct/in")).count() == 2);
            assertThat(clasp.lines()).filteredOn(l -> l.contains("/ct/in"))
                    .containsExactly("SET /m" + v + "/ct/in INT:5", "SET /q" + v + "/ct/in INT:6");
        }
    }
}
