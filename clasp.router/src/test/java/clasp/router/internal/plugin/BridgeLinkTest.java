package clasp.router.internal.plugin;

import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.bridge.Bridge;
import clasp.api.bridge.BridgeContext;
import clasp.api.router.BridgeInfo;
import clasp.api.router.PluginState;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BridgeLinkTest {
    private RouterComponent router;

    @BeforeEach void start() {
        router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
    }

    @AfterEach void stop() { router.deactivate(); }

    private BridgeInfo bridge(String id) {
        return router.bridges().stream().filter(b -> b.id().equals(id)).findFirst().orElse(null);
    }

    @Test void aBridgeWhoseOpenThrowsIsFailedAndClosedAtOnceWithItsSessionAndTasks() {
        AtomicInteger closes = new AtomicInteger();
        AtomicReference<ScheduledFuture<?>> tick = new AtomicReference<>();
        Bridge throwing = new Bridge() {
            @Override public void open(BridgeContext context) throws Exception {
                context.session().subscribe("/a/**", Set.of(), m -> { });
                tick.set(context.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS));
                throw new IllegalStateException("boom");
            }

            @Override public void close() { closes.incrementAndGet(); }
        };
        router.plugins().addBridge(1L, throwing, Map.of(Bridge.ID, "t"));

        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> closes.get() == 1);
        BridgeInfo failed = bridge("t");
        assertThat(failed.state()).isEqualTo(PluginState.FAILED);
        assertThat(failed.detail()).contains("open failed", "boom");
        assertThat(router.sessions()).noneMatch(s -> s.name().equals("bridge:t"));
        assertThat(tick.get().isCancelled()).isTrue();

        router.plugins().removeBridge(1L);
        assertThat(bridge("t")).isNull();
        assertThat(closes).hasValue(1);
    }

    @Test void aBridgeThatOpensIsClosedOnlyWhenItGoes() {
        AtomicInteger closes = new AtomicInteger();
        Bridge fine = new Bridge() {
            @Override public void open(BridgeContext context) { }

            @Override public void close() { closes.incrementAndGet(); }
        };
        router.plugins().addBridge(2L, fine, Map.of(Bridge.ID, "ok"));
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> bridge("ok") != null && bridge("ok").state() == PluginState.ONLINE);
        assertThat(router.sessions()).anyMatch(s -> s.name().equals("bridge:ok"));
        assertThat(closes).hasValue(0);

        router.plugins().removeBridge(2L);
        assertThat(closes).hasValue(1);
        assertThat(router.sessions()).noneMatch(s -> s.name().equals("bridge:ok"));
    }
}
