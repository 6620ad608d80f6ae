package clasp.shell.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * The {@code key=value} arguments of create and update, converted to configuration property values: by the
 * attribute's MetaType type (int, long, boolean, double, String, ..., and arrays, written {@code a,b,c} or
 * {@code [a,b,c]}), else by the type of the value the configuration holds now, else as a String.
 */
public final class Assignments {
    /** Property keys the shell accepts: dotted words; a leading '.' marks a private property. */
    private static final Pattern KEY = Pattern.compile("\\.?[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    /** Keys Config Admin or fileinstall own. */
    static final Set<String> RESERVED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename");

    private Assignments() { }

    /**
     * Splits {@code key=value} words, in order. An empty value ({@code key=}) maps to null: update removes that
     * key, so the attribute's default applies again.
     */
    public static Map<String, String> parse(List<String> words) throws UserError {
        Map<String, String> out = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) throw new UserError("expected key=value, got '" + word + "'");
            String key = word.substring(0, eq).trim();
            if (!KEY.matcher(key).matches()) throw new UserError("invalid property key '" + key + "'");
            if (RESERVED.contains(key)) throw new UserError(key + " is set by Config Admin or fileinstall, not by hand");
            if (out.containsKey(key)) throw new UserError(key + " is given twice");
            String value = word.substring(eq + 1);
            out.put(key, value.isEmpty() ? null : value);
        }
        return out;
    }

    /**
     * Converts {@code raw} for property {@code key}.
     *
     * @param attribute its MetaType definition, or null when the type does not describe the key
     * @param existing  the value the configuration holds now, or null
     */
    public static Object convert(String key, String raw, FactoryType.Attribute attribute, Object existing) throws UserError {
        if (attribute != null) return byAttribute(key, raw, attribute);
        if (existing != null) return likeExisting(key, raw, existing);
        return raw;
    }

    private static Object byAttribute(String key, String raw, FactoryType.Attribute a) throws UserError {
        List<String> items;
        Object value;
        if (a.cardinality() == 0) {
            items = List.of(raw);
            value = scalar(key, raw, a.type());
        } else {
            items = split(raw);
            if (Math.abs(a.cardinality()) < items.size()) {
                throw new UserError(key + " takes at most " + Math.abs(a.cardinality()) + " values, got " + items.size());
            }
            value = Array.newInstance(javaType(a.type()), items.size());
            for (int i = 0; i < items.size(); i++) Array.set(value, i, scalar(key, items.get(i), a.type()));
        }
        if (!a.options().isEmpty()) {
            for (String item : items) {
                if (!a.options().contains(item)) {
                    throw new UserError(key + ": '" + item + "' is not one of " + String.join(", ", a.options()));
                }
            }
        }
        String problem = validate(a, String.join(",", items));
        if (problem != null) throw new UserError(key + "=" + raw + ": " + problem);
        return value;
    }

    /** The validator's problem, or null when it has none (or fails itself: the value was already converted). */
    private static String validate(FactoryType.Attribute a, String value) {
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

    private static Object likeExisting(String key, String raw, Object existing) throws UserError {
        Class<?> type = existing.getClass();
        if (type.isArray()) {
            Class<?> element = type.getComponentType();
            int code = typeCode(element.isPrimitive() ? wrapper(element) : element);
            List<String> items = split(raw);
            Object value = Array.newInstance(element, items.size());
            for (int i = 0; i < items.size(); i++) Array.set(value, i, scalar(key, items.get(i), code));
            return value;
        }
        return scalar(key, raw, typeCode(type));
    }

    /** {@code a,b,c} or {@code [a, b, c]}; {@code []} is empty. */
    static List<String> split(String raw) {
        String s = raw.trim();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1).trim();
        List<String> items = new ArrayList<>();
        if (s.isEmpty()) return items;
        for (String item : s.split(",", -1)) items.add(item.trim());
        return items;
    }

    private static Object scalar(String key, String raw, int type) throws UserError {
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
                    if (raw.length() != 1) throw new UserError(key + ": expected one character, got '" + raw + "'");
                    return raw.charAt(0);
                case AttributeDefinition.BOOLEAN:
                    if (s.equalsIgnoreCase("true")) return Boolean.TRUE;
                    if (s.equalsIgnoreCase("false")) return Boolean.FALSE;
                    throw new UserError(key + ": expected true or false, got '" + raw + "'");
                default: return raw;
            }
        } catch (NumberFormatException notANumber) {
            String name = FactoryType.Attribute.typeName(type);
            throw new UserError(key + ": expected " + (name.startsWith("int") ? "an " : "a ") + name + ", got '" + raw + "'");
        }
    }

    private static Class<?> javaType(int type) {
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

    private static int typeCode(Class<?> type) {
        if (type == Long.class) return AttributeDefinition.LONG;
        if (type == Integer.class) return AttributeDefinition.INTEGER;
        if (type == Short.class) return AttributeDefinition.SHORT;
        if (type == Byte.class) return AttributeDefinition.BYTE;
        if (type == Double.class) return AttributeDefinition.DOUBLE;
        if (type == Float.class) return AttributeDefinition.FLOAT;
        if (type == Character.class) return AttributeDefinition.CHARACTER;
        if (type == Boolean.class) return AttributeDefinition.BOOLEAN;
        return AttributeDefinition.STRING;
    }

    private static Class<?> wrapper(Class<?> primitive) {
        switch (primitive.getName().toLowerCase(Locale.ROOT)) {
            case "long": return Long.class;
            case "int": return Integer.class;
            case "short": return Short.class;
            case "byte": return Byte.class;
            case "double": return Double.class;
            case "float": return Float.class;
            case "char": return Character.class;
            case "boolean": return Boolean.class;
            default: return String.class;
        }
    }
}
