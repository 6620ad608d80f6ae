package clasp.itest;

import clasp.api.message.WelcomeMessage;
import clasp.api.router.PluginState;
import clasp.api.router.Router;
import clasp.api.router.TransportInfo;
import java.net.URI;
import java.time.Duration;

/** Waits of the in-framework tests for the runtime's default listener, seen through the Router service. */
final class Listeners {
    private Listeners() { }

    /** The default WebSocket listener once it is ONLINE with its endpoint. */
    static TransportInfo awaitDefault(Router router) {
        return Eventually.until("the default WebSocket listener ONLINE", Duration.ofSeconds(20),
                () -> router.transports().stream().filter(t -> t.id().equals("default")).findFirst().orElse(null),
                t -> t != null && t.state() == PluginState.ONLINE && !t.endpoint().isEmpty());
    }

    /** The default listener's port, once a client there is welcomed by the router named {@code name} (its clasp.router.cfg applied). */
    static int awaitConfiguredRouter(Router router, String name) {
        int port = URI.create(awaitDefault(router).endpoint()).getPort();
        Eventually.until("the router configured from clasp.router.cfg", Duration.ofSeconds(30), () -> {
            try (ClaspWebSocketClient c = ClaspWebSocketClient.connect(port, "probe")) {
                return ((WelcomeMessage) c.await(0, m -> m instanceof WelcomeMessage, Duration.ofSeconds(10))).name();
            }
        }, name::equals);
        return port;
    }
}
