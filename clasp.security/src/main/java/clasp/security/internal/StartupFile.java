package clasp.security.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code <clasp.etc>/clasp.security.cfg} read directly at activation, before fileinstall hands it to Config Admin: the
 * mode is decided before the router starts. A file that cannot be read or parsed means authenticated mode with no way in
 * (fail closed) until the configuration is fixed; no file means open mode.
 */
final class StartupFile {
    static final String NAME = "clasp.security.cfg";
    private static final Pattern TYPED = Pattern.compile("^[A-Za-z]?\"(.*)\"$");
    private static final Pattern TYPED_ARRAY = Pattern.compile("^[A-Za-z]?\\[(.*)\\]$");

    private StartupFile() { }

    static SecuritySettings read(String etc) {
        SecuritySettings s = readIfPresent(etc);
        return s == null ? SecuritySettings.OPEN : s;
    }

    /** The file's settings, or null when there is no file. */
    static SecuritySettings readIfPresent(String etc) {
        Path file = Path.of(etc == null ? "etc" : etc).resolve(NAME);
        if (!Files.exists(file)) return null;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return SecuritySettings.of(text(p, "mode", "open"), text(p, "trustAnchors", ""),
                    Integer.parseInt(text(p, "maxDelegationDepth", "5")), array(p.getProperty("certificateScopes")));
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger("clasp.security").error(
                    "clasp.security: cannot read {} ({}); authenticated mode with no accepted credentials until it is fixed", file, e.toString());
            return SecuritySettings.CLOSED;
        }
    }

    private static String text(Properties p, String key, String otherwise) {
        String v = p.getProperty(key);
        return v == null ? otherwise : text(v);
    }

    /** Felix's array form {@code ["a", "b"]} or a plain comma-free single value. */
    private static String[] array(String v) {
        if (v == null || v.isBlank()) return new String[0];
        Matcher m = TYPED_ARRAY.matcher(v.trim());
        if (!m.matches()) return new String[] {text(v)};
        java.util.List<String> out = new java.util.ArrayList<>();
        Matcher item = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
        while (item.find()) out.add(item.group(1));
        return out.toArray(new String[0]);
    }

    private static String text(String v) {
        Matcher typed = TYPED.matcher(v.trim());
        return typed.matches() ? typed.group(1) : v.trim();
    }
}
