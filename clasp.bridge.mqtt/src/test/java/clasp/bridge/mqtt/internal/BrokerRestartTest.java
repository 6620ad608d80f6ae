package clasp.bridge.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.BridgeInfo;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.test.peers.router.Observer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The broker killed (SIGKILL, its state lost) and started again on the same port while CLASP writes: the status
 * shows it, the bridge reconnects, the broker ends with CLASP's state, subscriptions are back; and closing the
 * bridge leaves none of its threads.
 */
class BrokerRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private Harness router;
    private Mosquitto broker;

    @AfterEach void stop() {
        if (router != null) router.close();
        if (broker != null) broker.close();
    }

    @ParameterizedTest @ValueSource(strings = {"5", "3.1.1"})
    void aKilledBrokerIsShownReconnectedAndResynchronisedWithNothingLost(String version) {
        broker = Mosquitto.start();
        router = new Harness();
        String id = "restart" + version.charAt(0);
        router.bridge(id, Map.of("brokerUri", broker.uri(), "mqttVersion", version, "namespace", "/r",
                "clientId", "restart-" + version, "reconnectMinMs", 100, "reconnectMaxMs", 1000));
        LocalSession writer = router.session();

        // Mid-traffic: 30 SETs handed to the bridge, the broker killed at once, 10 more while it is away.
        IntStream.rangeClosed(1, 30).forEach(i -> set(writer, "/r/seq/" + i, i));
        broker.kill();
        await().atMost(WAIT).until(() -> router.state(id).detail().contains("retrying in"));
        BridgeInfo away = router.state(id);
        assertThat(away.state()).isEqualTo(PluginState.CONNECTING);
        assertThat(away.detail()).contains(broker.uri());
        IntStream.rangeClosed(31, 40).forEach(i -> set(writer, "/r/seq/" + i, i));
        set(writer, "/r/seq/1", 100);   // a newer value for a topic the broker had before it went

        broker.restart();
        await().atMost(WAIT).until(() -> router.state(id).state() == PluginState.ONLINE);

        // The broker's retained state equals CLASP's: every value, the newer one for seq/1.
        List<String> expected = new ArrayList<>();
        expected.add("seq/1 100");
        IntStream.rangeClosed(2, 40).forEach(i -> expected.add("seq/" + i + " " + i));
        List<String> retained = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            retained.clear();
            retained.addAll(broker.sub("-t", "seq/#", "--retained-only", "-C", "40", "-W", "2", "-F", "%t %p"));
            return retained.size() == 40;
        });
        assertThat(retained).containsExactlyInAnyOrderElementsOf(expected);

        // Subscribed again: a message at the broker reaches CLASP.
        Observer seen = router.observe("/r/back/**");
        await().atMost(WAIT).until(() -> {
            broker.pub("-q", "1", "-t", "back/x", "-m", "9");
            return !seen.messages().isEmpty();
        });
        assertThat(seen.lines()).first().isEqualTo("SET /r/back/x INT:9");

        // Closed, the bridge leaves no thread: neither its own nor Paho's (renamed, but in its group).
        assertThat(threadsOf(id)).isNotEmpty();
        router.remove(id);
        await().atMost(WAIT).until(() -> threadsOf(id).isEmpty());
    }

    private static void set(LocalSession writer, String address, long value) {
        try {
            writer.set(address, Value.of(value));
        } catch (clasp.api.router.ClaspException e) {
            throw new AssertionError(e);
        }
    }

    /** Threads named or grouped clasp-bridge-mqtt-<id>, or Paho threads of the instance's client id. */
    static List<String> threadsOf(String id) {
        String prefix = PahoThreads.prefix(id);
        Thread[] all = new Thread[Thread.activeCount() * 2 + 16];
        int n = Thread.enumerate(all);
        return Arrays.stream(all, 0, n).filter(t -> t.getName().startsWith(prefix) || t.getName().contains("restart-")
                || (t.getThreadGroup() != null && t.getThreadGroup().getName().startsWith(prefix)))
                .map(t -> t.getName() + " (" + (t.getThreadGroup() == null ? "-" : t.getThreadGroup().getName()) + ")").toList();
    }
}
