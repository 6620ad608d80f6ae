package clasp.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options of the form {@code --name value} or {@code --name=value}; a bare {@code --name} is "true". */
final class Options {
    private final Map<String, String> values = new LinkedHashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("not an option: " + arg);
            String name = arg.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                values.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(name, args[++i]);
            } else {
                values.put(name, "true");
            }
        }
    }

    boolean has(String name) { return values.containsKey(name); }

    String get(String name, String fallback) { return values.getOrDefault(name, fallback); }

    int getInt(String name, int fallback) { return has(name) ? Integer.parseInt(values.get(name)) : fallback; }

    boolean getBoolean(String name, boolean fallback) { return has(name) ? Boolean.parseBoolean(values.get(name)) : fallback; }

    /** A comma-separated list; empty items are dropped. */
    List<String> getList(String name, String fallback) {
        List<String> out = new ArrayList<>();
        for (String s : get(name, fallback).split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    /** A space-separated list of words (for JVM arguments). */
    List<String> getWords(String name) {
        String v = get(name, "").trim();
        return v.isEmpty() ? List.of() : Arrays.asList(v.split("\\s+"));
    }
}
