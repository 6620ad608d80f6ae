package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.QoS;
import clasp.api.Value;
import clasp.api.message.Frame;
import clasp.api.message.SetMessage;
import clasp.protocol.ClaspCodec;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries with the retry mark, the in-flight limit and request timeouts, with a proxy holding the client's frames back. */
class RequestFlowTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private TestRouter router;
    private Proxy proxy;

    @BeforeEach
    void start() throws Exception {
        router = TestRouter.start();
        proxy = new Proxy(router.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        router.close();
    }

    private ClaspClient.Builder viaProxy(String name) {
        return ClaspClient.builder(URI.create("ws://127.0.0.1:" + proxy.port() + "/")).name(name)
                .heartbeat(Heartbeat.off());
    }

    @Test
    void anUnansweredConfirmSetIsSentAgainWithItsRetryIdAndTheRouterAppliesItOnce() throws Exception {
        try (ClaspClient c = viaProxy("retrier").retryInterval(Duration.ofMillis(100)).requestTimeout(WAIT).build();
             ClaspClient watcher = ClaspClient.builder(router.ws()).name("watcher").build()) {
            c.connect(WAIT);
            watcher.connect(WAIT);
            Recorder seen = new Recorder();
            watcher.subscribe("/r", seen).get(10, TimeUnit.SECONDS);
            long before = proxy.upstreamBytes();
            proxy.freezeUpstream();
            CompletableFuture<Long> set = c.set("/r", Value.of(1L));
            Thread.sleep(600);   // several retry intervals pass while the proxy holds the frames
            proxy.thaw();
            assertThat(set.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            // A client WebSocket message is the frame plus 6 bytes (header and mask); more than one copy went out.
            int message = ClaspCodec.defaults().encode(Frame.retryable(new SetMessage("/r", Value.of(1L)), QoS.CONFIRM, 1)).length + 6;
            await().atMost(WAIT).until(() -> proxy.upstreamBytes() - before >= 3L * message);
            // Applied once: the next write is revision 2, and the watcher saw one update per write.
            assertThat(c.set("/r", Value.of(2L)).get(10, TimeUnit.SECONDS)).isEqualTo(2L);
            await().atMost(WAIT).until(() -> seen.updates.size() == 2);
            assertThat(seen.lines()).containsExactly("/r=1@1", "/r=2@2");
        }
    }

    @Test
    void pastMaxInFlightRequestsWaitInOrderAndPastMaxWaitingTheyAreRefused() throws Exception {
        try (ClaspClient c = viaProxy("limited").maxInFlight(2, 1).retryInterval(Duration.ZERO).requestTimeout(WAIT).build()) {
            c.connect(WAIT);
            proxy.freezeUpstream();
            CompletableFuture<Long> first = c.set("/m", Value.of(1L));
            CompletableFuture<Long> second = c.set("/m", Value.of(2L));
            CompletableFuture<Long> third = c.set("/m", Value.of(3L));   // waits for a slot
            CompletableFuture<Long> fourth = c.set("/m", Value.of(4L));
            assertThatThrownBy(() -> fourth.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(ClientBusyException.class)
                    .hasMessage("2 requests in flight and 1 waiting: refused");
            proxy.thaw();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
            assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(3L);
            assertThat(c.get("/m").get(10, TimeUnit.SECONDS)).isEqualTo(Value.of(3L));
        }
    }

    @Test
    void aRequestWithoutReplyFailsWithATimeoutAndALateReplyIsIgnored() throws Exception {
        try (ClaspClient c = viaProxy("impatient").requestTimeout(Duration.ofMillis(300)).build()) {
            c.connect(WAIT);
            proxy.freezeUpstream();
            CompletableFuture<Value> get = c.get("/late");
            assertThatThrownBy(() -> get.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(TimeoutException.class)
                    .hasMessage("no reply to GET /late within 300 ms");
            proxy.thaw();
            assertThat(c.set("/late", Value.of(1L)).get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(c.get("/late").get(10, TimeUnit.SECONDS)).isEqualTo(Value.of(1L));
        }
    }

    @Test
    void fireAndForgetFramesAreDroppedWhileTheSendBufferIsFullAndRequestsStillPass() throws Exception {
        try (ClaspClient c = viaProxy("flooder").requestTimeout(WAIT).build()) {
            c.connect(WAIT);
            proxy.freeze();   // nothing moves: the kernel's buffers fill, then the client's send buffer
            clasp.api.Value kilobyte = clasp.api.Value.of(new byte[1024]);
            int sent = 0;
            while (c.droppedWhileBusy() == 0 && sent < 200_000) {
                if (c.stream("/flood", kilobyte)) sent++;
                if (sent % 1_000 == 0) Thread.sleep(1);   // let the event loop write
            }
            assertThat(c.droppedWhileBusy()).as("dropped after %d streamed", sent).isPositive();
            assertThat(c.droppedWhileDisconnected()).isZero();
            assertThat(c.state()).isEqualTo(ConnectionState.CONNECTED);
            CompletableFuture<Long> set = c.set("/after-flood", Value.of(1L));   // a request is never dropped
            proxy.thaw();
            assertThat(set.get(60, TimeUnit.SECONDS)).isEqualTo(1L);
        }
    }
}
