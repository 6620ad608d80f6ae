package clasp.router.internal;
import clasp.router.internal.session.Session;
import clasp.router.internal.param.MemoryParamStore;
import clasp.router.internal.session.LocalSessionImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.message.*;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** router-semantics §3.5 disconnect, §3.7 and D4 idle sessions, D7 locks, D12 local sessions and the authorisation point. */
class SessionsTest extends RouterTestSupport {
    private static final long SECOND = 1_000_000_000L;

    @Test void aDisconnectRemovesSubscriptionsAndLocksButKeepsValues() {
        TestClient a = client();
        TestClient b = client();
        a.send(new SubscribeMessage(1, "/**"));
        a.send(new SetMessage("/d/l", Value.of(1L), null, true, false, null));
        a.send(new SetMessage("/d/v", Value.of(1L)));
        assertThat(router.stats().sessions()).isEqualTo(2);
        a.disconnect();
        assertThat(router.stats().sessions()).isEqualTo(1);
        b.send(new SetMessage("/d/l", Value.of(2L)));
        assertThat(b.take()).containsExactly(new AckMessage("/d/l", 2L, null, null, null));
        assertThat(router.param("/d/v").orElseThrow().writer()).isEqualTo(a.session);
        assertThat(router.param("/d/l").orElseThrow().lockHolder()).isNull();
        a.conn.clear();
        b.send(new SetMessage("/d/v", Value.of(2L)));
        assertThat(a.conn.sent).isEmpty();
    }

    @Test void aSessionIdlePastTheTimeoutIsClosedAndCleanedUp() {
        TestClient idle = client();
        TestClient active = client();
        idle.send(new SetMessage("/i", Value.of(1L), null, true, false, null));
        idle.conn.lastActivity = System.nanoTime() - 301 * SECOND;
        active.conn.lastActivity = System.nanoTime() - 240 * SECOND;   // well inside the timeout, however long reap() takes to come
        router.reap();
        assertThat(idle.conn.closeCode).isEqualTo(1000);
        assertThat(idle.conn.closeReason).isEqualTo("idle timeout");
        assertThat(active.conn.closeCode).isNull();
        active.send(new SetMessage("/i", Value.of(2L)));
        assertThat(active.take()).containsExactly(new AckMessage("/i", 2L, null, null, null));
        assertThat(router.stats().sessions()).isEqualTo(1);
    }

    /** A stalled session is found within 1.5 stall bounds even when the idle timeout is long; idle ones within 1.25 timeouts. */
    @Test void theReaperRunsOftenEnoughForTheStallBoundAndTheIdleTimeout() {
        assertThat(RouterComponent.reaperPeriodSeconds(TestSettings.defaults().build())).isEqualTo(5);
        assertThat(RouterComponent.reaperPeriodSeconds(TestSettings.defaults().stallTimeoutSeconds(60).build())).isEqualTo(30);
        assertThat(RouterComponent.reaperPeriodSeconds(TestSettings.defaults().stallTimeoutSeconds(1).build())).isEqualTo(1);
        assertThat(RouterComponent.reaperPeriodSeconds(TestSettings.defaults().stallTimeoutSeconds(600).sessionTimeoutSeconds(80).build()))
                .isEqualTo(20);
        assertThat(RouterComponent.reaperPeriodSeconds(TestSettings.defaults().stallTimeoutSeconds(600).sessionTimeoutSeconds(0).build()))
                .isEqualTo(300);
    }

    @Test void sessionTimeout0NeverClosesIdleSessions() {
        restart(TestSettings.defaults().sessionTimeoutSeconds(0));
        TestClient idle = client();
        idle.conn.lastActivity = System.nanoTime() - 86_400 * SECOND;
        router.reap();
        assertThat(idle.conn.closeCode).isNull();
    }

    // ---- D12

    @Test void localSessionsHaveIdsGetNoFramesAndTheirLocksGoWhenClosed() throws ClaspException {
        TestClient net = client();
        LocalSession bridge = router.openSession("bridge", false);
        assertThat(bridge.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        bridge.set(new SetMessage("/loc", Value.of(1L), null, true, false, null));
        assertThat(router.param("/loc").orElseThrow().writer()).isEqualTo(bridge.id());
        net.send(new SetMessage("/loc", Value.of(2L)));
        assertThat(net.take()).containsExactly(new ErrorMessage(400, "LockHeld { holder: \"" + bridge.id() + "\" }", "/loc", null));
        bridge.close();
        net.send(new SetMessage("/loc", Value.of(2L)));
        assertThat(net.take()).containsExactly(new AckMessage("/loc", 2L, null, null, null));
        assertThatThrownBy(() -> bridge.set("/loc", Value.of(3L))).isInstanceOf(ClaspException.class)
                .hasMessage("session closed").extracting(e -> ((ClaspException) e).code()).isEqualTo(500);
    }

    @Test void aLocalSessionGetsOthersWritesButNeverItsOwnPublishes() throws ClaspException {
        List<Message> got = new CopyOnWriteArrayList<>();
        TestClient net = client();
        try (LocalSession echo = router.openSession("echo", true)) {
            echo.subscribe("/p/**", Set.of(), got::add);
            echo.publish(PublishMessage.event("/p/mine", Value.of(1L)));
            echo.set("/p/mine", Value.of(1L));                           // asked for: its own SET comes back
            net.send(PublishMessage.event("/p/theirs", Value.of(2L)));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> got.size() == 2);
            assertThat(got).containsExactly(new SetMessage("/p/mine", Value.of(1L), 1L), PublishMessage.event("/p/theirs", Value.of(2L)));
        }
    }

    @Test void localSessionErrorsCarryTheNetworkCodeAndText() throws ClaspException {
        try (LocalSession a = router.openSession("a", false); LocalSession b = router.openSession("b", false)) {
            a.set(new SetMessage("/e", Value.of(1L), null, true, false, null));
            assertThatThrownBy(() -> b.set("/e", Value.of(2L))).isInstanceOf(ClaspException.class)
                    .hasMessage("LockHeld { holder: \"" + a.id() + "\" }");
            assertThatThrownBy(() -> b.subscribe("nope", Set.of(), m -> { })).isInstanceOf(ClaspException.class)
                    .hasMessage("invalid address: address must start with '/': nope")
                    .extracting(e -> ((ClaspException) e).code()).isEqualTo(202);
        }
    }
}
