package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A peer that goes silent without closing (a hung router, a dead link) is found by the heartbeat. */
class HeartbeatTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aSilentPeerIsDeclaredDeadTheClientReconnectsAndItsSubscriptionWorksAgain() throws Exception {
        try (TestRouter router = TestRouter.start(); Proxy proxy = new Proxy(router.port());
             ClaspClient c = ClaspClient.builder(URI.create("ws://127.0.0.1:" + proxy.port() + "/")).name("hb")
                     .heartbeat(new Heartbeat(Duration.ofMillis(100), Duration.ofMillis(400)))
                     .reconnect(Reconnect.backoff(Duration.ofMillis(50), Duration.ofMillis(200))).build();
             ClaspClient writer = ClaspClient.builder(router.ws()).name("writer").build()) {
            List<ConnectionState> states = new CopyOnWriteArrayList<>();
            c.onStateChange(states::add);
            Recorder seen = new Recorder();
            c.connect(WAIT);
            writer.connect(WAIT);
            c.subscribe("/hb/**", seen).get(10, TimeUnit.SECONDS);
            // Heartbeat PINGs keep an idle but healthy connection up.
            long before = proxy.upstreamBytes();
            await().atMost(WAIT).until(() -> proxy.upstreamBytes() > before);
            assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);

            proxy.freeze();   // sockets stay open, nothing passes: only the heartbeat can tell
            await().atMost(WAIT).until(() -> states.contains(ConnectionState.RECONNECTING));
            proxy.thaw();
            await().atMost(WAIT).until(() -> c.state() == ConnectionState.CONNECTED);
            writer.set("/hb/x", Value.of(1L)).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> seen.updates.size() == 1);
            assertThat(seen.lines()).containsExactly("/hb/x=1@1");
            assertThat(states).startsWith(ConnectionState.CONNECTING, ConnectionState.CONNECTED, ConnectionState.RECONNECTING);
        }
    }
}
