package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Losing the router and getting it back: resubscription, resync without duplicates or losses, failed requests. */
class ReconnectTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Reconnect FAST = Reconnect.backoff(Duration.ofMillis(50), Duration.ofMillis(400));

    private TestRouter router;
    private final List<ClaspClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach void start() { router = TestRouter.start(); }

    @AfterEach
    void stop() {
        clients.forEach(ClaspClient::close);
        router.close();
    }

    private ClaspClient client(String name, URI uri) throws Exception {
        ClaspClient c = ClaspClient.builder(uri).name(name).reconnect(FAST).build();
        clients.add(c);
        return c.connect(WAIT);
    }

    @Test
    void afterTheRouterCameBackTheSubscriptionIsResyncedWithoutLostOrDuplicatedUpdates() throws Exception {
        ClaspClient writer = client("writer", router.ws());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        ClaspClient c = ClaspClient.builder(router.ws()).name("watcher").reconnect(FAST).build();
        clients.add(c);
        c.onStateChange(states::add);
        Recorder seen = new Recorder();
        c.subscribe("/a/**", seen);           // made before connecting: sent with the handshake
        c.connect(WAIT);
        writer.set("/a/x", Value.of(1L)).get(10, TimeUnit.SECONDS);
        writer.set("/a/y", Value.of(2L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.updates.size() == 2);

        router.stopTransport();
        await().atMost(WAIT).until(() -> states.contains(ConnectionState.RECONNECTING));
        try (LocalSession local = router.router().openSession("while-away", false)) {
            local.set("/a/x", Value.of(5L));   // changed while the watcher was away
            local.set("/a/z", Value.of(7L));   // new while it was away; /a/y unchanged
        }
        router.openTransport();
        await().atMost(WAIT).until(() -> c.state() == ConnectionState.CONNECTED);

        // Reported CONNECTED only after the resync: the two changes are in, /a/y@1 is not repeated.
        assertThat(seen.lines()).hasSize(4).startsWith("/a/x=1@1", "/a/y=2@1")
                .containsOnlyOnce("/a/x=5@2", "/a/z=7@1");
        await().atMost(WAIT).until(() -> writer.state() == ConnectionState.CONNECTED);
        writer.set("/a/y", Value.of(3L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.updates.size() == 5);
        assertThat(seen.lines().get(4)).isEqualTo("/a/y=3@2");
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
                ConnectionState.RECONNECTING, ConnectionState.CONNECTED);
    }

    @Test
    void aRestartedRouterIsResubscribedAndItsFirstWritesArriveEvenWhereTheyRepeatOldRevisions() throws Exception {
        Recorder seen = new Recorder();
        ClaspClient c = client("watcher", router.ws());
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        c.onStateChange(states::add);
        c.subscribe("/a/**", seen).get(10, TimeUnit.SECONDS);
        ClaspClient writer = client("writer", router.ws());
        writer.set("/a/x", Value.of(1L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.updates.size() == 1);

        router.restart();   // a fresh router on the same port: no params, no sessions
        await().atMost(WAIT).until(() -> states.contains(ConnectionState.RECONNECTING));
        await().atMost(WAIT).until(() -> c.state() == ConnectionState.CONNECTED && writer.state() == ConnectionState.CONNECTED);
        assertThat(router.router().sessions()).extracting(s -> s.id()).contains(c.sessionId());
        writer.set("/a/x", Value.of(1L)).get(10, TimeUnit.SECONDS);   // revision 1 again, a new write all the same
        writer.set("/a/x", Value.of(2L)).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> seen.updates.size() == 3);
        assertThat(seen.lines()).containsExactly("/a/x=1@1", "/a/x=1@1", "/a/x=2@2");
    }

    @Test
    void requestsInFlightFailWithConnectionLostAndTheClientComesBack() throws Exception {
        try (Proxy proxy = new Proxy(router.port())) {
            ClaspClient c = client("via-proxy", URI.create("ws://127.0.0.1:" + proxy.port() + "/"));
            proxy.freezeUpstream();
            CompletableFuture<Long> set = c.set("/p", Value.of(1L));
            CompletableFuture<Value> get = c.get("/p");
            proxy.dropAll();   // the proxy dies: the connection closes with both requests unanswered
            assertThatThrownBy(() -> set.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
            assertThatThrownBy(() -> get.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ConnectionLostException.class);
            proxy.thaw();
            await().atMost(WAIT).until(() -> c.state() == ConnectionState.CONNECTED);
            assertThat(c.set("/p", Value.of(2L)).get(10, TimeUnit.SECONDS)).isEqualTo(1L);  // the lost one was never applied
        }
    }

    @Test
    void aFailedFirstConnectFailsTheFutureAndClosesTheClient() throws Exception {
        int port = router.port();
        router.close();
        ClaspClient c = ClaspClient.builder(URI.create("ws://127.0.0.1:" + port + "/")).name("nobody-there").build();
        clients.add(c);
        assertThatThrownBy(() -> c.connect().get(30, TimeUnit.SECONDS)).cause().isInstanceOf(java.net.ConnectException.class);
        await().atMost(WAIT).until(() -> c.state() == ConnectionState.CLOSED);
        router = TestRouter.start();  // for stop()
    }

    @Test
    void afterMaxAttemptsTheClientGivesUpAndCloses() throws Exception {
        ClaspClient c = ClaspClient.builder(router.ws()).name("gives-up")
                .reconnect(new Reconnect(true, Duration.ofMillis(20), Duration.ofMillis(50), 2, 0, 3)).build();
        clients.add(c);
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        c.onStateChange(states::add);
        c.connect(WAIT);
        router.stopTransport();
        await().atMost(WAIT).until(() -> c.state() == ConnectionState.CLOSED);
        assertThat(states).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED,
                ConnectionState.RECONNECTING, ConnectionState.CLOSED);
        router.openTransport();
    }
}
