package clasp.test.peers.router;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A component property type (a configuration annotation) backed by a map of configuration properties, as Declarative
 * Services would hand it to a component: each method reads the property its name maps to (as Declarative Services
 * maps it: {@code _} is {@code .}, {@code __} is {@code _}, so {@code clasp_bridge_id} reads {@code clasp.bridge.id}
 * and {@code _password} reads {@code .password}), converted from its text to the method's type; a property that is not
 * there gives the method's default.
 */
public final class ConfigProxy {
    private ConfigProxy() { }

    /** {@code type} answering from {@code properties}: values may be of the method's type or text of it. */
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) return type;
            Object value = properties.get(propertyName(method.getName()));
            return value == null ? method.getDefaultValue() : convert(value, method);
        }));
    }

    /** The property a method reads: {@code __} is {@code _}, a single {@code _} is {@code .}. */
    static String propertyName(String methodName) {
        return methodName.replace("__", "\0").replace('_', '.').replace('\0', '_');
    }

    /** {@code value} as the method's return type: int, long, double, boolean, String[] (one element from text), String. */
    private static Object convert(Object value, Method method) {
        Class<?> type = method.getReturnType();
        String text = value.toString();
        if (type == int.class) return Integer.parseInt(text);
        if (type == long.class) return Long.parseLong(text);
        if (type == double.class) return Double.parseDouble(text);
        if (type == boolean.class) return Boolean.parseBoolean(text);
        if (type == String[].class) return value instanceof String[] array ? array : new String[] {text};
        if (type == String.class) return text;
        throw new IllegalArgumentException(method.getName() + ": no conversion to " + type.getName());
    }
}
