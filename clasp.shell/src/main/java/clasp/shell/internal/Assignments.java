package clasp.shell.internal;

import clasp.config.CfgFiles;
import clasp.config.TypedValues;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code key=value} arguments of create and update, converted to configuration property values: by the
 * attribute's MetaType type (int, long, boolean, double, String, ..., and arrays, written {@code a,b,c} or
 * {@code [a,b,c]}), else by the type of the value the configuration holds now, else as a String.
 */
public final class Assignments {
    /** Property keys the shell accepts: dotted words; a leading '.' marks a private property. */
    private static final Pattern KEY = Pattern.compile("\\.?[A-Za-z0-9_][A-Za-z0-9_.\\-]*");
    /** Keys Config Admin or fileinstall own. */
    static final Set<String> RESERVED = CfgFiles.RESERVED;

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
        TypedValues.Attribute typed = new TypedValues.Attribute(key, a.type(), a.cardinality(), a.options(), a.validator());
        try {
            return TypedValues.convert(typed, a.cardinality() == 0 ? List.of(raw) : split(raw));
        } catch (TypedValues.InvalidValue invalid) {
            throw new UserError(invalid.getMessage());
        }
    }

    private static Object likeExisting(String key, String raw, Object existing) throws UserError {
        try {
            Class<?> type = existing.getClass();
            if (!type.isArray()) return TypedValues.scalar(key, raw, TypedValues.typeOf(type));
            Class<?> element = type.getComponentType();
            List<String> items = split(raw);
            Object value = Array.newInstance(element, items.size());
            for (int i = 0; i < items.size(); i++) {
                Array.set(value, i, TypedValues.scalar(key, items.get(i), TypedValues.typeOf(element)));
            }
            return value;
        } catch (TypedValues.InvalidValue invalid) {
            throw new UserError(invalid.getMessage());
        }
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
}
