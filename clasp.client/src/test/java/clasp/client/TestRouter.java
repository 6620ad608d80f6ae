package clasp.client;

import clasp.protocol.transport.Transport;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import clasp.transport.tcp.internal.TcpTransport;
import clasp.transport.tcp.internal.TcpTransportConfig;
import clasp.transport.udp.internal.UdpTransport;
import clasp.transport.udp.internal.UdpTransportConfig;
import clasp.transport.websocket.internal.WebSocketTransport;
import clasp.transport.websocket.internal.WebSocketTransportConfig;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The real router (standalone: in-memory params, open authoriser) with its real WebSocket transport on a loopback
 * port, in the test JVM. The transport, or the whole router, can be stopped and started again on the same port.
 */
final class TestRouter implements AutoCloseable {
    private RouterComponent router;
    private Transport transport;
    private Transport tcp;
    private Transport udp;
    private int port;
    private int tcpPort;
    private int udpPort;

    private TestRouter() { }

    static TestRouter start() {
        TestRouter r = new TestRouter();
        r.router = newRouter();
        r.port = 0;
        r.openTransport();
        return r;
    }

    private static RouterComponent newRouter() {
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        return router;
    }

    RouterComponent router() { return router; }

    int port() { return port; }

    URI ws() { return URI.create("ws://127.0.0.1:" + port + "/"); }

    /** The TCP listener's URI, started with the first call. */
    synchronized URI tcp() {
        if (tcp == null) openTcp();
        return URI.create("tcp://127.0.0.1:" + tcpPort);
    }

    /** The UDP listener's URI, started with the first call. */
    synchronized URI udp() {
        if (udp == null) openUdp();
        return URI.create("udp://127.0.0.1:" + udpPort);
    }

    private void openUdp() {
        udp = new UdpTransport(config(UdpTransportConfig.class, Map.of("host", "127.0.0.1", "port", udpPort)),
                Map.of(Transport.ID, "client-test"));
        try {
            udp.open(router::accept);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        udpPort = URI.create(udp.endpoint()).getPort();
    }

    private void openTcp() {
        tcp = new TcpTransport(config(TcpTransportConfig.class, Map.of("host", "127.0.0.1", "port", tcpPort)),
                Map.of(Transport.ID, "client-test"));
        try {
            tcp.open(router::accept);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        tcpPort = URI.create(tcp.endpoint()).getPort();
    }

    /** Stops listening (every connection is closed); the router and its params stay. */
    void stopTransport() {
        transport.close();
        if (tcp != null) tcp.close();
        if (udp != null) udp.close();
    }

    /** Listens again on the same port. */
    void openTransport() {
        WebSocketTransportConfig config = config(WebSocketTransportConfig.class,
                Map.of("host", "127.0.0.1", "port", port, "pingIntervalSeconds", 0));
        transport = new WebSocketTransport(config, Map.of(Transport.ID, "client-test"));
        try {
            transport.open(router::accept);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        port = URI.create(transport.endpoint()).getPort();
        if (tcp != null) openTcp();
        if (udp != null) openUdp();
    }

    /** A configuration annotation as DS makes it: the given values, the annotation's defaults for the rest. */
    static <A> A config(Class<A> type, Map<String, Object> given) {
        Map<String, Object> values = new HashMap<>(given);
        return type.cast(Proxy.newProxyInstance(TestRouter.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                }));
    }

    /** A new router process in all but name: transport and router stopped, a fresh router (no params) on the same port. */
    void restart() {
        stopTransport();
        router.deactivate();
        router = newRouter();
        openTransport();
    }

    @Override
    public void close() {
        transport.close();
        if (tcp != null) tcp.close();
        if (udp != null) udp.close();
        router.deactivate();
    }
}
