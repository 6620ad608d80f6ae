package clasp.adapter.osc.internal;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.api.router.SessionInfo;
import clasp.protocol.transport.Transport;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real router (standalone, in memory) with the OSC adapter on a loopback port, in the test JVM. */
final class TestRouter implements AutoCloseable {
    final RouterComponent router = new RouterComponent();
    final OscTransport transport;

    TestRouter(Object... keyValues) {
        router.startStandalone(RouterSettings.defaults());
        transport = new OscTransport(config(keyValues), Map.of(Transport.ID, "test"));
        transport.open(router::accept);
    }

    int port() {
        return transport.localAddress().getPort();
    }

    /** A CLASP session in the router: writes and subscribes as a CLASP client would. */
    LocalSession clasp(String name) {
        return router.openSession(name, false);
    }

    /** A CLASP subscriber recording what it gets. */
    List<Message> subscribe(String pattern) throws ClaspException {
        List<Message> got = new CopyOnWriteArrayList<>();
        clasp("subscriber").subscribe(pattern, Set.of(), got::add);
        return got;
    }

    void set(String address, Value value) throws ClaspException {
        try (LocalSession s = clasp("writer")) {
            s.set(address, value);
        }
    }

    /** The current value of a param, or null. */
    Value value(String address) {
        return router.param(address).map(p -> p.value()).orElse(null);
    }

    /** The OSC peers' sessions. */
    List<SessionInfo> oscSessions() {
        return router.sessions().stream().filter(s -> s.name().startsWith("osc:")).toList();
    }

    @Override
    public void close() {
        transport.close();
        router.deactivate();
    }

    static OscTransportConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        for (int i = 0; i < keyValues.length; i += 2) values.put((String) keyValues[i], keyValues[i + 1]);
        Map<String, Object> copy = Map.copyOf(values);
        return (OscTransportConfig) Proxy.newProxyInstance(TestRouter.class.getClassLoader(),
                new Class<?>[] {OscTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> OscTransportConfig.class;
                    case "toString" -> "OscTransportConfig" + copy;
                    case "hashCode" -> copy.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> copy.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
