package clasp.transport.tcp.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link TcpTransportConfig} the way DS does: given values, annotation defaults for the rest. */
final class TestConfig {
    private TestConfig() {
    }

    /** Loopback, a free port, and the given overrides, e.g. {@code "maxFrameBytes", 100}. */
    static TcpTransportConfig loopback(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return of(values);
    }

    static TcpTransportConfig of(Map<String, Object> values) {
        Map<String, Object> copy = Map.copyOf(values);
        return (TcpTransportConfig) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {TcpTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> TcpTransportConfig.class;
                    case "toString" -> "TcpTransportConfig" + copy;
                    case "hashCode" -> copy.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> copy.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
