package clasp.transport.quic.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link QuicTransportConfig} the way DS does: given values, annotation defaults for the rest. */
final class TestConfig {
    private TestConfig() {
    }

    /** Loopback, a free port, and the given overrides, e.g. {@code "maxStreams", 2}. */
    static QuicTransportConfig loopback(Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("host", "127.0.0.1", "port", 0));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return of(values);
    }

    static QuicTransportConfig of(Map<String, Object> values) {
        return (QuicTransportConfig) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {QuicTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> QuicTransportConfig.class;
                    case "toString" -> "QuicTransportConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
