package clasp.transport.serial.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds a {@link SerialTransportConfig} the way DS does: given values, annotation defaults for the rest. */
final class TestConfig {
    private TestConfig() {
    }

    /** The port {@code path} and the given overrides, e.g. {@code "maxFrameBytes", 16}. */
    static SerialTransportConfig port(Object path, Object... keyValues) {
        Map<String, Object> values = new HashMap<>(Map.of("port", path.toString(), "reopenIntervalMillis", 100));
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return (SerialTransportConfig) Proxy.newProxyInstance(TestConfig.class.getClassLoader(),
                new Class<?>[] {SerialTransportConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> SerialTransportConfig.class;
                    case "toString" -> "SerialTransportConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
