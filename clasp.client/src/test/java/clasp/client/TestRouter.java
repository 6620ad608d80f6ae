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
import clasp.transport.netty.tls.DevCertificate;
import clasp.transport.netty.tls.ServerKeys;
import clasp.transport.netty.tls.TlsSettings;
import clasp.transport.quic.internal.QuicTransport;
import clasp.transport.quic.internal.QuicTransportConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import org.osgi.framework.BundleContext;
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
    private Transport tcps;
    private Transport quic;
    private Transport wss;
    private int wssPort;
    private int tcpsPort;
    private int quicPort;
    /**
     * The data folder of every router in this JVM: the TLS listeners find the development certificate there, made
     * once (by keytool, a JVM start of its own) rather than once per router.
     */
    private static Path data;
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

    /** The TLS TCP listener's URI (the development certificate, see {@link #fingerprint()}), started with the first call. */
    synchronized URI tcps() {
        if (tcps == null) {
            tcps = new TcpTransport(config(TcpTransportConfig.class, Map.of("host", "127.0.0.1", "port", 0, "tls", true)),
                    Map.of(Transport.ID, "client-test-tls"), bundleContext());
            tcpsPort = open(tcps);
        }
        return URI.create("tcps://127.0.0.1:" + tcpsPort);
    }

    /** The WSS listener's URI (the development certificate), started with the first call. */
    synchronized URI wss() {
        if (wss == null) {
            wss = new WebSocketTransport(config(WebSocketTransportConfig.class,
                    Map.of("host", "127.0.0.1", "port", 0, "pingIntervalSeconds", 0, "tls", true)),
                    Map.of(Transport.ID, "client-test-wss"), bundleContext());
            wssPort = open(wss);
        }
        return URI.create("wss://127.0.0.1:" + wssPort + "/");
    }

    /** The QUIC listener's URI (the development certificate), started with the first call. */
    synchronized URI quic() {
        if (quic == null) {
            quic = new QuicTransport(config(QuicTransportConfig.class, Map.of("host", "127.0.0.1", "port", 0)),
                    Map.of(Transport.ID, "client-test"), bundleContext());
            quicPort = open(quic);
        }
        return URI.create("quic://127.0.0.1:" + quicPort);
    }

    /** The SHA-256 fingerprint of the development certificate the TLS listeners serve. */
    synchronized String fingerprint() {
        try {
            KeyStore keys = DevCertificate.loadOrCreate(dataFolder());
            return ServerKeys.fingerprint((X509Certificate) keys.getCertificate(DevCertificate.ALIAS));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized Path dataFolder() throws java.io.IOException {
        if (data == null) data = Files.createTempDirectory("clasp-client-test-data");
        return data;
    }

    /** What the TLS listeners read from the framework: the data folder. */
    private BundleContext bundleContext() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && TlsSettings.DATA_FOLDER_PROPERTY.equals(args[0])) {
                        return dataFolder().toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private int open(Transport t) {
        try {
            t.open(router::accept);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return URI.create(t.endpoint()).getPort();
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
                Map.of(Transport.ID, "client-test"), bundleContext());
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
        transport = new WebSocketTransport(config, Map.of(Transport.ID, "client-test"), bundleContext());
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
        if (tcps != null) tcps.close();
        if (quic != null) quic.close();
        if (wss != null) wss.close();
        router.deactivate();
    }
}
