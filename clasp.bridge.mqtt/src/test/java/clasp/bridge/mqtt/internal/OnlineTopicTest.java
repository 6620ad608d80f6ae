package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** onlineTopic: true (retained) while the bridge is connected, false (its last will) once it is gone. */
class OnlineTopicTest {
    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void theOnlineTopicIsTrueWhileConnectedAndTheWillMakesItFalse(String version) {
        try (Mosquitto broker = Mosquitto.start(); Harness router = new Harness()) {
            String topic = "clasp/bridges/lt/online";
            router.bridge("lt", Map.of("brokerUri", broker.uri(), "mqttVersion", version, "namespace", "/lt",
                    "onlineTopic", topic));
            assertThat(broker.retained(topic)).isEqualTo("1 1 " + topic + " true");
            router.remove("lt");
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.retained(topic).equals("1 1 " + topic + " false"));
        }
    }
}
