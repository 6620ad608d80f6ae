package clasp.transport.websocket.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Loopback listeners a test opens with its acceptor; every one is deactivated after each test. */
final class StartedListeners implements AfterEachCallback {
    private final ConnectionAcceptor acceptor;
    private final List<WebSocketTransport> running = new ArrayList<>();

    StartedListeners(ConnectionAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    /** A listener on a free loopback port with {@code config} (key, value, …) over the defaults, opened. */
    WebSocketTransport start(Object... config) {
        WebSocketTransport transport = new WebSocketTransport(TestConfig.loopback(config),
                Map.of("service.pid", "clasp.transport.websocket~test"), TestConfig.DATA);
        running.add(transport);
        transport.open(acceptor);
        return transport;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.forEach(WebSocketTransport::deactivate);
        running.clear();
    }
}
