package clasp.shell.internal;

import clasp.api.ArrayValue;
import clasp.api.BoolValue;
import clasp.api.FloatValue;
import clasp.api.MapValue;
import clasp.api.NullValue;
import clasp.api.StringValue;
import clasp.api.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the shell reads and shows CLASP values.
 *
 * <p>Reading, as a user expects: {@code true}/{@code false}, {@code null}; an integer without a dot or exponent
 * is an int (i64); a number with a dot or exponent is a float; text starting with {@code [}, <code>{</code> or
 * {@code "} is strict JSON (arrays, objects with string keys, strings with escapes, numbers by the same int/float
 * rule); anything else is the string itself. Gogo hands over numbers, booleans, null, its own lists
 * ({@code [1 2 3]}) and maps ({@code [a=1 b=2]}) already evaluated; those convert by the same rules.
 *
 * <p>Showing: JSON-like, so what is shown can be typed back ({@code "text"}, {@code 1}, {@code 1.0},
 * {@code [1,2]}, <code>{"a":1}</code>); bytes show as {@code bytes:<hex>}.
 */
public final class ValueSyntax {
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?");
    private static final int MAX_DEPTH = 64;
    static final String QUOTE_HINT = "write JSON in single quotes, e.g. '[1,2]' or '{\"a\":1}'";

    private ValueSyntax() { }

    /** Reads what Gogo passed for a value argument: text, a number, a boolean, null, a list or a map. */
    public static Value fromShell(Object argument) throws UserError {
        return fromShell(argument, 0);
    }

    private static Value fromShell(Object argument, int depth) throws UserError {
        if (depth > MAX_DEPTH) throw new UserError("value nested deeper than " + MAX_DEPTH);
        if (argument == null) return NullValue.INSTANCE;
        if (argument instanceof Value v) return v;
        if (argument instanceof Boolean b) return Value.of(b);
        if (argument instanceof Double || argument instanceof Float) return Value.of(((Number) argument).doubleValue());
        if (argument instanceof Long || argument instanceof Integer || argument instanceof Short || argument instanceof Byte) {
            return Value.of(((Number) argument).longValue());
        }
        if (argument instanceof Number n) return parse(n.toString());
        if (argument instanceof CharSequence s) return parse(s.toString());
        if (argument instanceof Map<?, ?> map) {
            Map<String, Value> entries = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) entries.put(String.valueOf(e.getKey()), fromShell(e.getValue(), depth + 1));
            return Value.of(entries);
        }
        if (argument instanceof Collection<?> items) return fromShellList(items, depth);
        return new StringValue(argument.toString());
    }

    /**
     * Gogo splits its list literal on spaces, not commas: {@code [1,2]} arrives as the one word "1,2". So a list
     * is first read back as JSON text; a list that is not JSON converts item by item ({@code [1 2 3]}).
     */
    private static Value fromShellList(Collection<?> items, int depth) throws UserError {
        String text = gogoListText(items);
        if (text != null) {
            try {
                return parseJson(text);
            } catch (UserError notJson) {
                // not JSON: item by item below
            }
        }
        List<Value> values = new ArrayList<>();
        for (Object item : items) {
            if (item instanceof CharSequence s && s.toString().indexOf(',') >= 0) {
                throw new UserError("cannot read the list " + text + ": " + QUOTE_HINT);
            }
            values.add(fromShell(item, depth + 1));
        }
        return Value.of(values);
    }

    private static String gogoListText(Collection<?> items) {
        StringBuilder text = new StringBuilder("[");
        for (Object item : items) {
            if (text.length() > 1) text.append(' ');
            if (item instanceof Collection<?> inner) {
                String innerText = gogoListText(inner);
                if (innerText == null) return null;
                text.append(innerText);
            } else if (item instanceof Map<?, ?>) {
                return null;
            } else {
                text.append(item);
            }
        }
        return text.append(']').toString();
    }

    /** Reads typed text (see the class comment). */
    public static Value parse(String text) throws UserError {
        switch (text) {
            case "true": return BoolValue.TRUE;
            case "false": return BoolValue.FALSE;
            case "null": return NullValue.INSTANCE;
            default: break;
        }
        if (INTEGER.matcher(text).matches()) return number(text, true);
        if (DECIMAL.matcher(text).matches()) return number(text, false);
        if (!text.isEmpty() && (text.charAt(0) == '[' || text.charAt(0) == '{' || text.charAt(0) == '"')) return parseJson(text);
        return new StringValue(text);
    }

    /** An integer that does not fit i64 becomes a float, as a JSON reader would read it. */
    private static Value number(String text, boolean integral) {
        String t = text.startsWith("+") ? text.substring(1) : text;
        if (integral) {
            try {
                return Value.of(Long.parseLong(t));
            } catch (NumberFormatException tooLarge) {
                // fall through to a float
            }
        }
        return Value.of(Double.parseDouble(t));
    }

    /** Strict JSON: one value and nothing after it but white space. */
    public static Value parseJson(String text) throws UserError {
        Json json = new Json(text);
        json.space();
        Value v = json.value(0);
        json.space();
        if (json.pos < text.length()) throw json.error("unexpected '" + text.charAt(json.pos) + "' after the value");
        return v;
    }

    private static final class Json {
        final String s;
        int pos;

        Json(String s) { this.s = s; }

        UserError error(String what) {
            return new UserError("invalid JSON at column " + (pos + 1) + ": " + what + " (" + QUOTE_HINT + ")");
        }

        void space() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
        }

        Value value(int depth) throws UserError {
            if (depth > MAX_DEPTH) throw error("nested deeper than " + MAX_DEPTH);
            if (pos >= s.length()) throw error("a value is missing");
            char c = s.charAt(pos);
            switch (c) {
                case '[': return array(depth);
                case '{': return object(depth);
                case '"': return new StringValue(string());
                default: break;
            }
            if (c == '-' || (c >= '0' && c <= '9')) return jsonNumber();
            if (s.startsWith("true", pos)) { pos += 4; return BoolValue.TRUE; }
            if (s.startsWith("false", pos)) { pos += 5; return BoolValue.FALSE; }
            if (s.startsWith("null", pos)) { pos += 4; return NullValue.INSTANCE; }
            throw error("unexpected '" + c + "'");
        }

        Value array(int depth) throws UserError {
            pos++; // [
            List<Value> items = new ArrayList<>();
            space();
            if (pos < s.length() && s.charAt(pos) == ']') { pos++; return Value.of(items); }
            while (true) {
                space();
                items.add(value(depth + 1));
                space();
                if (pos >= s.length()) throw error("']' is missing");
                char c = s.charAt(pos++);
                if (c == ']') return Value.of(items);
                if (c != ',') { pos--; throw error("expected ',' or ']'"); }
            }
        }

        Value object(int depth) throws UserError {
            pos++; // {
            Map<String, Value> entries = new LinkedHashMap<>();
            space();
            if (pos < s.length() && s.charAt(pos) == '}') { pos++; return Value.of(entries); }
            while (true) {
                space();
                if (pos >= s.length() || s.charAt(pos) != '"') throw error("expected a \"key\"");
                int keyAt = pos;
                String key = string();
                space();
                if (pos >= s.length() || s.charAt(pos) != ':') throw error("expected ':'");
                pos++;
                space();
                Value v = value(depth + 1);
                if (entries.put(key, v) != null) { pos = keyAt; throw error("duplicate key \"" + key + "\""); }
                space();
                if (pos >= s.length()) throw error("'}' is missing");
                char c = s.charAt(pos++);
                if (c == '}') return Value.of(entries);
                if (c != ',') { pos--; throw error("expected ',' or '}'"); }
            }
        }

        String string() throws UserError {
            pos++; // "
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("closing '\"' is missing");
                char c = s.charAt(pos++);
                if (c == '"') return out.toString();
                if (c < 0x20) { pos--; throw error("control character in a string"); }
                if (c != '\\') { out.append(c); continue; }
                if (pos >= s.length()) throw error("escape at the end");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"': out.append('"'); break;
                    case '\\': out.append('\\'); break;
                    case '/': out.append('/'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'u':
                        if (pos + 4 > s.length()) throw error("\\u needs four hex digits");
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw error("\\u needs four hex digits");
                        }
                        pos += 4;
                        break;
                    default:
                        pos -= 2;
                        throw error("unknown escape \\" + e);
                }
            }
        }

        Value jsonNumber() throws UserError {
            int start = pos;
            if (s.charAt(pos) == '-') pos++;
            if (pos < s.length() && s.charAt(pos) == '0') pos++;
            else if (!digits()) throw error("a digit is missing");
            boolean integral = true;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                integral = false;
                if (!digits()) throw error("a digit is missing after '.'");
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                integral = false;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                if (!digits()) throw error("a digit is missing in the exponent");
            }
            return number(s.substring(start, pos), integral);
        }

        boolean digits() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') pos++;
            return pos > start;
        }
    }

    /** The value as the shell shows it (and reads it back, bytes aside). */
    public static String format(Value value) {
        StringBuilder out = new StringBuilder();
        format(value, out);
        return out.toString();
    }

    private static void format(Value value, StringBuilder out) {
        if (value instanceof StringValue s) {
            quote(s.value(), out);
        } else if (value instanceof FloatValue f) {
            double d = f.value();
            out.append(Double.isFinite(d) ? Double.toString(d) : '"' + Double.toString(d) + '"');
        } else if (value instanceof ArrayValue a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) out.append(',');
                format(a.items().get(i), out);
            }
            out.append(']');
        } else if (value instanceof MapValue m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : m.entries().entrySet()) {
                if (!first) out.append(',');
                first = false;
                quote(e.getKey(), out);
                out.append(':');
                format(e.getValue(), out);
            }
            out.append('}');
        } else {
            out.append(value); // int, bool, null, bytes:<hex>
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
            }
        }
        out.append('"');
    }
}
