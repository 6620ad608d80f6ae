package clasp.dashboard.internal;

import clasp.config.TypedValues;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A form field's value converted to the configuration property its MetaType attribute declares: int, long, boolean,
 * double, String, ..., and arrays (a JSON array, or text {@code a,b,c}). Options and the attribute's own validator are
 * checked by {@link TypedValues}, as for the shell's create and update; reading the form's JSON is this class's.
 * Stateless.
 */
final class FormValues {
    private FormValues() { }

    /** The property value; {@code given} is a JSON string, number, boolean or array. */
    static Object convert(FactoryTypes.Attribute a, JsonNode given) throws ApiError {
        TypedValues.Attribute typed = new TypedValues.Attribute(a.id(), a.type(), a.cardinality(), a.optionValues(),
                a.definition() == null ? null : a.definition()::validate);
        try {
            return TypedValues.convert(typed, items(given, a.cardinality() != 0));
        } catch (TypedValues.InvalidValue invalid) {
            throw new ApiError(400, invalid.getMessage());
        }
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
}
