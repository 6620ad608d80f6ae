package clasp.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.metatype.AttributeDefinition;

/**
 * A form field's value converted to the configuration property its MetaType attribute declares: int, long, boolean,
 * double, String, ..., and arrays (a JSON array, or text {@code a,b,c}). Options and the attribute's own validator are
 * checked, as the shell's create and update do. Stateless.
 */
final class FormValues {
    private FormValues() { }

    /** The property value; {@code given} is a JSON string, number, boolean or array. */
    static Object convert(FactoryTypes.Attribute a, JsonNode given) throws ApiError {
        List<String> items = items(given, a.cardinality() != 0);
        Object value;
        if (a.cardinality() == 0) {
            value = scalar(a, items.get(0));
        } else {
            if (Math.abs(a.cardinality()) < items.size()) {
                throw new ApiError(400, a.id() + " takes at most " + Math.abs(a.cardinality()) + " values, got " + items.size());
            }
            value = Array.newInstance(javaType(a.type()), items.size());
            for (int i = 0; i < items.size(); i++) Array.set(value, i, scalar(a, items.get(i)));
        }
        if (!a.optionValues().isEmpty()) {
            for (String item : items) {
                if (!a.optionValues().contains(item)) {
                    throw new ApiError(400, a.id() + ": '" + item + "' is not one of " + String.join(", ", a.optionValues()));
                }
            }
        }
        String problem = validate(a, String.join(",", items));
        if (problem != null) throw new ApiError(400, a.id() + "=" + String.join(",", items) + ": " + problem);
        return value;
    }

    /** True when the field was left empty: on create the default applies, on update the key is removed. */
    static boolean empty(JsonNode given) {
        return given == null || given.isNull() || (given.isTextual() && given.textValue().isBlank())
                || (given.isArray() && given.isEmpty());
    }

    private static List<String> items(JsonNode given, boolean array) throws ApiError {
        List<String> items = new ArrayList<>();
        if (given.isArray()) {
            for (JsonNode item : given) items.add(item.isTextual() ? item.textValue() : item.toString());
        } else if (given.isValueNode()) {
            String text = given.isTextual() ? given.textValue() : given.asText();
            if (!array) return List.of(text);
            for (String item : text.split(",", -1)) if (!item.isBlank()) items.add(item.trim());
        } else {
            throw new ApiError(400, "a field's value must be text, a number, a boolean or an array");
        }
        if (!array && items.size() != 1) throw new ApiError(400, "one value expected, got " + items.size());
        return items;
    }

    private static String validate(FactoryTypes.Attribute a, String value) {
        if (a.definition() == null) return null;
        String problem;
        try {
            problem = a.definition().validate(value);
        } catch (RuntimeException broken) {
            return null;
        }
        if (problem == null || problem.isBlank()) return null;
        return problem.startsWith("%") ? problem.substring(1) : problem; // Felix's untranslated message keys
    }

    private static Object scalar(FactoryTypes.Attribute a, String raw) throws ApiError {
        String s = raw.trim();
        try {
            switch (a.type()) {
                case AttributeDefinition.LONG: return Long.valueOf(s);
                case AttributeDefinition.INTEGER: return Integer.valueOf(s);
                case AttributeDefinition.SHORT: return Short.valueOf(s);
                case AttributeDefinition.BYTE: return Byte.valueOf(s);
                case AttributeDefinition.DOUBLE: return Double.valueOf(s);
                case AttributeDefinition.FLOAT: return Float.valueOf(s);
                case AttributeDefinition.CHARACTER:
                    if (raw.length() != 1) throw new ApiError(400, a.id() + ": expected one character, got '" + raw + "'");
                    return raw.charAt(0);
                case AttributeDefinition.BOOLEAN:
                    if (s.equalsIgnoreCase("true")) return Boolean.TRUE;
                    if (s.equalsIgnoreCase("false")) return Boolean.FALSE;
                    throw new ApiError(400, a.id() + ": expected true or false, got '" + raw + "'");
                default: return raw;
            }
        } catch (NumberFormatException notANumber) {
            throw new ApiError(400, a.id() + ": expected " + a.typeName().replace("[]", "") + ", got '" + raw + "'");
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
}
