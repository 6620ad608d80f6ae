package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.HelloMessage;
import clasp.api.message.PublishMessage;
import clasp.api.message.SubscribeMessage;
import clasp.api.router.LocalSession;
import clasp.router.internal.clock.ManualClock;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.Refusals;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Every kind of refusal and overload is counted in RouterStats.refusals and logged once per interval with its count. */
class RefusalsTest extends RouterTestSupport {
    private Map<String, Long> refusals() { return router.stats().refusals(); }

    @Test void nothingRefusedNothingCounted() {
        client().send(new SubscribeMessage(1, "/**"));
        assertThat(refusals()).isEmpty();
    }

    @Test void handshakeLimit() {
        restart(TestSettings.defaults().maxHandshaking(1));
        connect();
        connect();
        connect();
        assertThat(refusals()).isEqualTo(Map.of("handshake-limit", 2L));
    }

    @Test void sessionLimit() {
        restart(TestSettings.defaults().maxSessions(1));
        client();
        connect().send(new HelloMessage(1, Set.of(Feature.PARAM), "over", null));
        assertThat(refusals()).isEqualTo(Map.of("session-limit", 1L));
    }

    @Test void helloTimeout() {
        restart(TestSettings.defaults().helloTimeoutSeconds(1));
        TestClient silent = connect();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> silent.conn.closeCode != null);
        assertThat(silent.conn.closeCode).isEqualTo(1002);
        assertThat(refusals()).isEqualTo(Map.of("hello-timeout", 1L));
    }

    @Test void malformedCloses() {
        restart(TestSettings.defaults().malformedLimit(1));
        TestClient first = connect();
        first.hex("53 01 00 01 7F");   // not a HELLO: closed without reply
        assertThat(first.conn.closeCode).isEqualTo(1002);
        TestClient c = client();
        c.hex("53 01 00 01 7F");
        c.hex("53 01 00 01 7F");   // past the limit of 1 in 10 s
        assertThat(c.conn.closeCode).isEqualTo(1002);
        assertThat(refusals()).isEqualTo(Map.of("malformed", 2L));
    }

    @Test void rateLimitedFrames() {
        // the limit counts per second of the router clock: one held still, so the five frames share a second
        RouterCore core = new RouterCore(TestSettings.defaults().rateLimitPerSecond(2).build(), new MemoryParamStore(),
                new OpenAuthoriser(), new ManualClock());
        TestClient c = new TestClient(core).hello();
        for (int i = 0; i < 5; i++) c.hex(HandshakeTest.PING);
        assertThat(core.refusals().totals()).isEqualTo(Map.of("rate-limited", 3L));
    }

    @Test void slowConsumers() {
        restart(TestSettings.defaults().maxQueuedBytes(1_000));
        TestClient slow = client();
        slow.send(new SubscribeMessage(1, "/**"));
        slow.conn.writable = false;
        slow.conn.queued = 1_001;
        client().send(PublishMessage.event("/e", Value.of(1L)));
        assertThat(slow.conn.closeCode).isEqualTo(1008);
        assertThat(refusals()).isEqualTo(Map.of("slow-consumer", 1L));
    }

    @Test void localQueueDrops() throws Exception {
        restart(TestSettings.defaults().localQueueLimit(1));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (LocalSession slow = router.openSession("slow", false); LocalSession w = router.openSession("w", false)) {
            slow.subscribe("/q", Set.of(), m -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            w.set("/q", Value.of(0L));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 4; i++) w.set("/q", Value.of((long) i));   // one queues, three drop
            release.countDown();
        }
        assertThat(refusals()).isEqualTo(Map.of("local-queue-drop", 3L));
    }

    @Test void eachKindIsLoggedOncePerIntervalWithItsCount() {
        Refusals r = new Refusals();
        try (LogCapture log = new LogCapture(Refusals.class)) {
            for (int i = 0; i < 1_900; i++) r.count(Refusals.Kind.HANDSHAKE_LIMIT);
            r.count(Refusals.Kind.SLOW_CONSUMER);
            r.report(10);
            r.report(10);   // nothing new: silent
            r.count(Refusals.Kind.SLOW_CONSUMER);
            r.report(10);
            assertThat(log.warnings()).containsExactly(
                    "clasp.router: refused or shed in the last 10 s: handshake-limit 1900, slow-consumer 1",
                    "clasp.router: refused or shed in the last 10 s: slow-consumer 1");
        }
        assertThat(r.totals()).isEqualTo(Map.of("handshake-limit", 1_900L, "slow-consumer", 2L));
    }
}
