package clasp.dashboard.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An instance's {@code <etc>/<factoryPid>-<name>.cfg} file, written as the shell writes it: fileinstall's typed syntax
 * ({@code port = I"9000"}, {@code peers = [ "a", "b" ]}), so fileinstall reads back exactly the values Config Admin
 * holds and does not restart the instance; ISO-8859-1 with {@code \}{@code uXXXX} escapes. Stateless.
 */
final class CfgFile {
    /** The configuration property that ties a configuration to its file (fileinstall's). */
    static final String FILENAME = "felix.fileinstall.filename";
    /** Keys Config Admin or fileinstall own. */
    static final Set<String> RESERVED = Set.of("service.pid", "service.factoryPid", "service.bundleLocation", FILENAME);

    private CfgFile() { }

    static Path of(Path etc, String factoryPid, String name) {
        return etc.resolve(factoryPid + "-" + name + ".cfg");
    }

    /** The value fileinstall keeps in {@link #FILENAME}: the file's absolute URI. */
    static String key(Path file) {
        return file.toAbsolutePath().toFile().toURI().toString();
    }

    /** The file a {@link #FILENAME} value names, or null. */
    static Path fromKey(Object key) {
        if (!(key instanceof String s)) return null;
        try {
            return Path.of(URI.create(s));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException notAFile) {
            return null;
        }
    }

    static void write(Path file, Map<String, ?> properties) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text(properties), StandardCharsets.ISO_8859_1);
    }

    static String text(Map<String, ?> properties) {
        StringBuilder out = new StringBuilder("# written by the dashboard\n");
        for (Map.Entry<String, ?> e : new TreeMap<>(properties).entrySet()) {
            if (RESERVED.contains(e.getKey()) || e.getValue() == null) continue;
            out.append(e.getKey()).append(" = ").append(typed(e.getValue())).append('\n');
        }
        return out.toString();
    }

    static String typed(Object value) {
        if (value.getClass().isArray()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) items.add(quoted(String.valueOf(Array.get(value, i))));
            return code(value.getClass().getComponentType()) + "[ " + String.join(", ", items) + (items.isEmpty() ? "]" : " ]");
        }
        return code(value.getClass()) + quoted(String.valueOf(value));
    }

    /** Felix's type codes: none for String, upper case for wrappers, lower case for primitives. */
    private static String code(Class<?> t) {
        String code;
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

    /** Unescaped twice on reading (a properties line, then a typed value), so a backslash is written as four. */
    static String quoted(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\\\\\");
                case '"' -> out.append("\\\"");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
