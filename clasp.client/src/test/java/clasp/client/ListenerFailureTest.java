package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A listener that throws loses nothing but its own call: later updates arrive, in order, and the connection stays. */
class ListenerFailureTest {
    @ParameterizedTest
    @ValueSource(strings = {"own thread", "direct", "pool"})
    void aThrowingListenerDoesNotStopLaterUpdatesOrTheConnection(String kind) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Executor executor = switch (kind) {
            case "direct" -> ClaspClient.DIRECT;
            case "pool" -> pool;
            default -> null;
        };
        try (TestRouter router = TestRouter.start();
             ClaspClient c = ClaspClient.builder(router.ws()).name("thrower").callbackExecutor(executor).build()) {
            c.connect(Duration.ofSeconds(30));
            List<Long> seen = new CopyOnWriteArrayList<>();
            c.subscribe("/t", u -> {
                seen.add(u.revision());
                if (u.revision() % 2 == 1) throw new IllegalStateException("listener bug");
            }).get(10, TimeUnit.SECONDS);
            for (int i = 1; i <= 20; i++) c.set("/t", Value.of((long) i)).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.size() == 20);
            assertThat(seen).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
            assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
        } finally {
            pool.shutdownNow();
        }
    }
}
