package clasp.config;

import java.lang.reflect.Array;
import java.util.List;
import java.util.function.Function;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * Text converted to the configuration property value a MetaType attribute declares: int, long, boolean, double,
 * String, ..., and arrays of them; the attribute's options and its own validator are checked. How the text is split
 * into items ({@code key=a,b} words, form fields) is the caller's. Stateless.
 */
public final class TypedValues {
    private TypedValues() { }

    /**
     * What conversion needs of one attribute definition.
     *
     * @param id          the property key, named in messages
     * @param type        an {@link AttributeDefinition} type constant ({@code STRING}, {@code INTEGER}, ...)
     * @param cardinality 0 for one value; otherwise the value is an array (at most |cardinality| values)
     * @param options     the allowed values, empty when any value is allowed
     * @param validator   {@link AttributeDefinition#validate}: null or "" when valid, else the problem; may be null
     */
    public record Attribute(String id, int type, int cardinality, List<String> options,
                            Function<String, String> validator) {
        public Attribute {
            options = options == null ? List.of() : List.copyOf(options);
        }
    }

    /** A value the attribute does not accept; the message is one line naming the key. */
    public static final class InvalidValue extends Exception {
        private static final long serialVersionUID = 1L;

        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The property value of {@code items}: exactly one item when the cardinality is 0, else an array of the
     * attribute's type with one element per item.
     */
    public static Object convert(Attribute a, List<String> items) throws InvalidValue {
        Object value;
        if (a.cardinality() == 0) {
            if (items.size() != 1) throw new InvalidValue("one value expected, got " + items.size());
            value = scalar(a.id(), items.get(0), a.type());
        } else {
            if (Math.abs(a.cardinality()) < items.size()) {
                throw new InvalidValue(a.id() + " takes at most " + Math.abs(a.cardinality()) + " values, got " + items.size());
            }
            value = Array.newInstance(javaType(a.type()), items.size());
            for (int i = 0; i < items.size(); i++) Array.set(value, i, scalar(a.id(), items.get(i), a.type()));
        }
        for (String item : items) {
            if (!a.options().isEmpty() && !a.options().contains(item)) {
                throw new InvalidValue(a.id() + ": '" + item + "' is not one of " + String.join(", ", a.options()));
            }
        }
        String joined = String.join(",", items);
        String problem = validate(a, joined);
        if (problem != null) throw new InvalidValue(a.id() + "=" + joined + ": " + problem);
        return value;
    }

    /** The validator's problem, or null when it has none (or fails itself: the value was already converted). */
    private static String validate(Attribute a, String value) {
        if (a.validator() == null) return null;
        String problem;
        try {
            problem = a.validator().apply(value);
        } catch (RuntimeException broken) {
            return null;
        }
        if (problem == null || problem.isBlank()) return null;
        return problem.startsWith("%") ? problem.substring(1) : problem; // Felix's untranslated message keys
    }

    /** One value of an {@link AttributeDefinition} type; numbers and booleans may have blanks around them. */
    public static Object scalar(String key, String raw, int type) throws InvalidValue {
        String s = raw.trim();
        try {
            switch (type) {
                case AttributeDefinition.LONG: return Long.valueOf(s);
                case AttributeDefinition.INTEGER: return Integer.valueOf(s);
                case AttributeDefinition.SHORT: return Short.valueOf(s);
                case AttributeDefinition.BYTE: return Byte.valueOf(s);
                case AttributeDefinition.DOUBLE: return Double.valueOf(s);
                case AttributeDefinition.FLOAT: return Float.valueOf(s);
                case AttributeDefinition.CHARACTER:
                    if (raw.length() != 1) throw new InvalidValue(key + ": expected one character, got '" + raw + "'");
                    return raw.charAt(0);
                case AttributeDefinition.BOOLEAN:
                    if (s.equalsIgnoreCase("true")) return Boolean.TRUE;
                    if (s.equalsIgnoreCase("false")) return Boolean.FALSE;
                    throw new InvalidValue(key + ": expected true or false, got '" + raw + "'");
                default: return raw;
            }
        } catch (NumberFormatException notANumber) {
            String name = typeName(type);
            throw new InvalidValue(key + ": expected " + (name.startsWith("int") ? "an " : "a ") + name + ", got '" + raw + "'");
        }
    }

    /** The class of one value of an {@link AttributeDefinition} type (String for STRING and PASSWORD). */
    public static Class<?> javaType(int type) {
        switch (type) {
            case AttributeDefinition.LONG: return Long.class;
            case AttributeDefinition.INTEGER: return Integer.class;
            case AttributeDefinition.SHORT: return Short.class;
            case AttributeDefinition.BYTE: return Byte.class;
            case AttributeDefinition.DOUBLE: return Double.class;
            case AttributeDefinition.FLOAT: return Float.class;
            case AttributeDefinition.CHARACTER: return Character.class;
            case AttributeDefinition.BOOLEAN: return Boolean.class;
            default: return String.class;
        }
    }

    /** The {@link AttributeDefinition} type of a value's class (wrapper or primitive); STRING for any other class. */
    public static int typeOf(Class<?> type) {
        if (type == Long.class || type == long.class) return AttributeDefinition.LONG;
        if (type == Integer.class || type == int.class) return AttributeDefinition.INTEGER;
        if (type == Short.class || type == short.class) return AttributeDefinition.SHORT;
        if (type == Byte.class || type == byte.class) return AttributeDefinition.BYTE;
        if (type == Double.class || type == double.class) return AttributeDefinition.DOUBLE;
        if (type == Float.class || type == float.class) return AttributeDefinition.FLOAT;
        if (type == Character.class || type == char.class) return AttributeDefinition.CHARACTER;
        if (type == Boolean.class || type == boolean.class) return AttributeDefinition.BOOLEAN;
        return AttributeDefinition.STRING;
    }

    /** The type as an admin reads it: int, long, boolean, double, String, password, ... */
    public static String typeName(int type) {
        switch (type) {
            case AttributeDefinition.LONG: return "long";
            case AttributeDefinition.INTEGER: return "int";
            case AttributeDefinition.SHORT: return "short";
            case AttributeDefinition.CHARACTER: return "char";
            case AttributeDefinition.BYTE: return "byte";
            case AttributeDefinition.DOUBLE: return "double";
            case AttributeDefinition.FLOAT: return "float";
            case AttributeDefinition.BOOLEAN: return "boolean";
            case AttributeDefinition.PASSWORD: return "password";
            default: return "String";
        }
    }
}
