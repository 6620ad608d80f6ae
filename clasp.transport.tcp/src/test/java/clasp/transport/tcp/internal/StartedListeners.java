package clasp.transport.tcp.internal;

import clasp.protocol.transport.ConnectionAcceptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Loopback listeners a test opens with its acceptor; every one is deactivated after each test. */
final class StartedListeners implements AfterEachCallback {
    private final ConnectionAcceptor acceptor;
    private final List<TcpTransport> running = new ArrayList<>();
    private final Path dataFolder;

    StartedListeners(ConnectionAcceptor acceptor) {
        this(acceptor, LifecycleTest.DATA);
    }

    /** @param dataFolder the runtime's data folder the listeners use (the TLS development certificate) */
    StartedListeners(ConnectionAcceptor acceptor, Path dataFolder) {
        this.acceptor = acceptor;
        this.dataFolder = dataFolder;
    }

    /** A listener named {@code test} on a free loopback port with {@code config} (key, value, …), opened. */
    TcpTransport start(Object... config) {
        return startNamed("test", config);
    }

    TcpTransport startNamed(String id, Object... config) {
        TcpTransport transport = new TcpTransport(TestConfig.loopback(config), Map.of("service.pid", TcpTransport.PID + "~" + id), dataFolder);
        running.add(transport);
        transport.open(acceptor);
        return transport;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        running.forEach(TcpTransport::deactivate);
        running.clear();
    }
}
