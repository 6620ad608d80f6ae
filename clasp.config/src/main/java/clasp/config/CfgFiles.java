package clasp.config;

import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code .cfg} files of the configuration folder that fileinstall watches, written the way fileinstall
 * reads them back to exactly the values Config Admin holds.
 *
 * <p>Fileinstall reads a {@code .cfg} file with Felix's typed properties syntax when every value in it is
 * typed: {@code key = "text"}, {@code port = I"7330"}, {@code flag = B"true"}, {@code ids = [ "a", "b" ]},
 * {@code ports = I[ "1", "2" ]}; a file with one plain {@code key=value} line reads as all Strings. Writing the
 * typed form keeps a file's values equal to the configuration's, so fileinstall's next scan sees nothing to
 * change and the instance is not restarted; it is also the form fileinstall itself writes a configuration
 * back in. Files are ISO-8859-1 (fileinstall's default), other characters are {@code \}{@code uXXXX}
 * escapes; keys are written as given (the shell and the dashboard accept only dotted words, which need no
 * escaping). Stateless.
 */
public final class CfgFiles {
    /** The configuration property that ties a configuration to its file (fileinstall's). */
    public static final String FILENAME = "felix.fileinstall.filename";
    /** Keys Config Admin or fileinstall own: never written to a file, never set by hand. */
    public static final Set<String> RESERVED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            FILENAME);

    private CfgFiles() { }

    /** The framework property naming the configuration folder fileinstall watches; relative to the working directory. */
    public static final String ETC_PROPERTY = "clasp.etc";

    /** The configuration folder: the value of {@value #ETC_PROPERTY} (default {@code etc}), absolute. */
    public static Path etc(String property) {
        return Path.of(property == null || property.isBlank() ? "etc" : property).toAbsolutePath();
    }

    /** {@code <etc>/<factoryPid>-<name>.cfg}: fileinstall maps it to factory PID and name, splitting at the first '-'. */
    public static Path file(Path etc, String factoryPid, String name) {
        return etc.resolve(factoryPid + "-" + name + ".cfg");
    }

    /** The value fileinstall keeps in {@link #FILENAME}: the file's absolute URI. */
    public static String key(Path file) {
        return file.toAbsolutePath().toFile().toURI().toString();
    }

    /** The file a {@link #FILENAME} value names, or null when it is not a file URI. */
    public static Path fromKey(Object key) {
        if (!(key instanceof String s)) return null;
        try {
            return Path.of(URI.create(s));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return null;
        }
    }

    /**
     * The file's leading comment lines (to keep them when the file is written again), without a previous
     * "written by" line; empty when there is no such file.
     */
    public static List<String> header(Path file) throws IOException {
        List<String> header = new ArrayList<>();
        if (!Files.isRegularFile(file)) return header;
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            String t = line.trim();
            if (!t.startsWith("#") && !t.startsWith("!")) break;
            if (!t.startsWith("# written by ")) header.add(line);
        }
        return header;
    }

    /**
     * Writes {@code properties} (sorted by key, without Config Admin's own keys and {@link #FILENAME}) after
     * {@code header} and a "# written by {@code writer}" line. The file is written in place: a temporary file
     * beside it would be one more artifact for fileinstall to look at, and a scan that reads a half-written file
     * reads it again once its checksum changes.
     */
    public static void write(Path file, List<String> header, String writer, Map<String, ?> properties) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(header, writer, properties), StandardCharsets.ISO_8859_1);
    }

    /** The file's text. */
    public static String text(List<String> header, String writer, Map<String, ?> properties) {
        StringBuilder out = new StringBuilder();
        for (String line : header) out.append(line).append('\n');
        out.append("# written by ").append(writer).append('\n');
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            String key = e.getKey();
            if (RESERVED.contains(key) || e.getValue() == null) continue;
            out.append(key).append(" = ").append(typed(e.getValue())).append('\n');
        }
        return out.toString();
    }

    /** One value in fileinstall's typed syntax. */
    public static String typed(Object value) {
        if (value.getClass().isArray()) {
            Class<?> element = value.getClass().getComponentType();
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) items.add(Array.get(value, i));
            return code(element) + list(items, '[', ']');
        }
        if (value instanceof Collection<?> items) {
            Object first = items.isEmpty() ? "" : items.iterator().next();
            return code(first.getClass()) + list(items, '(', ')');
        }
        return code(value.getClass()) + quoted(String.valueOf(value));
    }

    private static String list(Collection<?> items, char open, char close) {
        StringBuilder out = new StringBuilder().append(open).append(' ');
        boolean first = true;
        for (Object item : items) {
            if (!first) out.append(", ");
            first = false;
            out.append(quoted(String.valueOf(item)));
        }
        return out.append(items.isEmpty() ? "" : " ").append(close).toString();
    }

    /** Felix's type codes: none for String, upper case for wrappers, lower case for primitives. */
    private static String code(Class<?> type) {
        String code;
        Class<?> t = type;
        if (t == Integer.class || t == int.class) code = "I";
        else if (t == Long.class || t == long.class) code = "L";
        else if (t == Float.class || t == float.class) code = "F";
        else if (t == Double.class || t == double.class) code = "D";
        else if (t == Byte.class || t == byte.class) code = "X";
        else if (t == Short.class || t == short.class) code = "S";
        else if (t == Character.class || t == char.class) code = "C";
        else if (t == Boolean.class || t == boolean.class) code = "B";
        else return "";
        return t.isPrimitive() ? code.toLowerCase(java.util.Locale.ROOT) : code;
    }

    /**
     * A quoted value. It is unescaped twice on reading, once as a properties line and once as a typed value,
     * so a backslash is written as four.
     */
    public static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\\\\\"); break;
                case '"': out.append("\\\""); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
