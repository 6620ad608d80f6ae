package clasp.transport.websocket.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link WebSocketTransportConfig} the way DS does: given values, annotation defaults for the rest. */
final class TestConfig {
    /** Where a test listener keeps the development certificate. */
    static final java.nio.file.Path DATA = java.nio.file.Path.of("target", "test-data").toAbsolutePath();

    private TestConfig() {
    }

    /** Loopback, a free port, and the given overrides, e.g. {@code "pingIntervalSeconds", 1}. */
    static WebSocketTransportConfig loopback(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return of(values);
    }

    static WebSocketTransportConfig of(Map<String, Object> values) {
        return (WebSocketTransportConfig) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {WebSocketTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> WebSocketTransportConfig.class;
                    case "toString" -> "WebSocketTransportConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
