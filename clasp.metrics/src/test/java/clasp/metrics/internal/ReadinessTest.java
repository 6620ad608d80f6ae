package clasp.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.StoreInfo;
import clasp.api.router.TransportInfo;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ready: the router active, every configured listener ONLINE with an endpoint, the store open. */
class ReadinessTest {
    private static final Readiness.Listener WS = new Readiness.Listener("websocket", "default");
    private static final Readiness.Listener BUSY = new Readiness.Listener("websocket", "busy");

    /** A router that only answers transports() and store(). */
    private static Router router(List<TransportInfo> transports) {
        return (Router) Proxy.newProxyInstance(Router.class.getClassLoader(), new Class<?>[] {Router.class}, (p, m, a) ->
                switch (m.getName()) {
                    case "transports" -> transports;
                    case "store" -> new StoreInfo("memory", false, null);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static TransportInfo ws(String id, PluginState state, String endpoint, String detail) {
        return new TransportInfo(id, "websocket", endpoint, state, detail, 0, 0, 0, 0);
    }

    @Test void readyWhenEveryConfiguredListenerIsOnline() {
        Router r = router(List.of(ws("default", PluginState.ONLINE, "ws://0.0.0.0:7330/", ""),
                ws("extra", PluginState.FAILED, "", "not configured here")));
        assertThat(Readiness.problems(r, Set.of(WS), List.of())).isEmpty();
    }

    @Test void aFailedOrMissingListenerAndAFailedStoreAreNamed() {
        Router r = router(List.of(ws("default", PluginState.ONLINE, "ws://0.0.0.0:7330/", ""),
                ws("busy", PluginState.FAILED, "", "open failed: Address already in use")));
        assertThat(Readiness.problems(r, new java.util.TreeSet<>(Set.of(WS, BUSY, new Readiness.Listener("tcp", "default"))),
                List.of("store clasp.store.mvstore: failed to open (locked)"))).containsExactly(
                "tcp listener default: not registered with the router",
                "websocket listener busy: FAILED (open failed: Address already in use)",
                "store clasp.store.mvstore: failed to open (locked)");
    }

    @Test void anOpeningListenerIsNotReadyYet() {
        Router r = router(List.of(ws("default", PluginState.OPENING, "", "opening")));
        assertThat(Readiness.problems(r, Set.of(WS), List.of())).containsExactly("websocket listener default: OPENING (opening)");
    }

    @Test void noRouterIsNotReady() {
        assertThat(Readiness.problems(null, Set.of(WS), List.of())).containsExactly("router: not active");
    }

    @Test void instanceIdsAsTheTransportsTakeThem() {
        assertThat(ReadyEndpoint.idOf("clasp.transport.websocket~foh", null)).isEqualTo("foh");
        assertThat(ReadyEndpoint.idOf("clasp.transport.websocket~foh", "stage")).isEqualTo("stage");
        assertThat(ReadyEndpoint.idOf("clasp.transport.websocket~foh", " ")).isEqualTo("foh");
    }
}
