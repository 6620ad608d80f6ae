package clasp.adapter.mqtt.internal;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.router.ClaspException;
import clasp.api.router.LocalSession;
import clasp.protocol.transport.Transport;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real router (standalone, in memory) with the MQTT adapter on a loopback port, in the test JVM. */
final class TestBroker implements AutoCloseable {
    final RouterComponent router = new RouterComponent();
    final MqttTransport transport;

    TestBroker(Object... keyValues) {
        this(Path.of("target", "no-data"), keyValues);
    }

    /** @param dataFolder where a TLS listener keeps its development certificate */
    TestBroker(Path dataFolder, Object... keyValues) {
        this(RouterSettings.defaults(), dataFolder, keyValues);
    }

    TestBroker(RouterSettings settings, Path dataFolder, Object... keyValues) {
        router.startStandalone(settings);
        transport = new MqttTransport(config(keyValues), Map.of(Transport.ID, "test"), dataFolder);
        try {
            transport.open(router::accept);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return transport.localAddress().getPort();
    }

    /** MQTT clients past CONNECT now. */
    int clientsConnected() {
        return transport.clients();
    }

    String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    /** A CLASP session in the router: writes as a CLASP client would. */
    LocalSession clasp(String name) {
        return router.openSession(name, false);
    }

    /** A CLASP subscriber recording what it gets. */
    List<Message> subscribe(LocalSession session, String pattern) throws ClaspException {
        List<Message> got = new CopyOnWriteArrayList<>();
        session.subscribe(pattern, Set.of(), got::add);
        return got;
    }

    void set(String address, Value value) throws ClaspException {
        try (LocalSession s = clasp("writer")) {
            s.set(address, value);
        }
    }

    @Override
    public void close() {
        transport.close();
        router.deactivate();
    }

    static MqttTransportConfig config(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        for (int i = 0; i < keyValues.length; i += 2) values.put((String) keyValues[i], keyValues[i + 1]);
        Map<String, Object> copy = Map.copyOf(values);
        return (MqttTransportConfig) Proxy.newProxyInstance(TestBroker.class.getClassLoader(),
                new Class<?>[] {MqttTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> MqttTransportConfig.class;
                    case "toString" -> "MqttTransportConfig" + copy;
                    case "hashCode" -> copy.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> copy.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
