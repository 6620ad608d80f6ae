package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.test.peers.router.Observer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** inboundSignal (bridges.md §7.4): event makes retained messages SETs and live ones events; stream makes samples. */
class InboundSignalTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test void eventAndStreamInstancesPublishWhatIsNotARetainedState() throws Exception {
        try (Mosquitto broker = Mosquitto.start(); Harness router = new Harness()) {
            // retained before the bridge subscribes: the broker replays it with the retain flag
            broker.pub("-q", "1", "-r", "-t", "e/state", "-m", "1");
            Observer events = router.observe("/ev/**");
            router.bridge("ev", Map.of("brokerUri", broker.uri(), "namespace", "/ev", "inboundTopics", "e/#",
                    "inboundSignal", "event"));
            await().atMost(WAIT).until(() -> events.size() == 1);
            broker.pub("-q", "1", "-t", "e/button", "-m", "2");
            await().atMost(WAIT).until(() -> events.size() == 2);
            assertThat(events.lines()).containsExactly("SET /ev/e/state INT:1", "PUBLISH EVENT /ev/e/button INT:2");

            Observer samples = router.observe("/st/**");
            router.bridge("st", Map.of("brokerUri", broker.uri(), "namespace", "/st", "inboundTopics", "s/#",
                    "inboundSignal", "stream"));
            broker.pub("-t", "s/fader", "-m", "0.25");
            await().atMost(WAIT).until(() -> !samples.messages().isEmpty());
            assertThat(samples.lines()).containsExactly("PUBLISH STREAM /st/s/fader FLOAT:0.25");
        }
    }
}
