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

    @Test
    void aClientThatOnlyListensToASteadyStreamStillPingsOverTcp() throws Exception {
        try (TestRouter router = TestRouter.start(); Proxy proxy = new Proxy(router.tcp().getPort());
             ClaspClient c = ClaspClient.builder(URI.create("tcp://127.0.0.1:" + proxy.port())).name("listener")
                     .heartbeat(new Heartbeat(Duration.ofMillis(200), Duration.ofSeconds(30))).clockSync(Duration.ZERO)
                     .build();
             ClaspClient writer = ClaspClient.builder(router.ws()).name("writer").build()) {
            Recorder seen = new Recorder();
            c.connect(WAIT);
            writer.connect(WAIT);
            c.subscribe("/feed/**", seen).get(10, TimeUnit.SECONDS);
            java.util.concurrent.ScheduledExecutorService feed = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                java.util.concurrent.atomic.AtomicLong n = new java.util.concurrent.atomic.AtomicLong();
                // a value every 20 ms: what the client hears is never silent for its 200 ms interval
                feed.scheduleAtFixedRate(() -> writer.set("/feed/x", Value.of(n.incrementAndGet())), 0, 20, TimeUnit.MILLISECONDS);
                await().atMost(WAIT).until(() -> seen.updates.size() >= 10);
                long before = proxy.upstreamBytes();
                int heard = seen.updates.size();
                // the client sends nothing of its own (no requests, no clock sync): only PINGs can reach the router
                await().atMost(WAIT).until(() -> proxy.upstreamBytes() > before);
                assertThat(seen.updates.size()).as("the stream went on meanwhile").isGreaterThan(heard);
                assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
            } finally {
                feed.shutdownNow();
            }
        }
    }
}
