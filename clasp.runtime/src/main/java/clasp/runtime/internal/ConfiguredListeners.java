package clasp.runtime.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The listeners the configuration folder asks for: one per transport file {@code clasp.transport.<kind>-<name>.cfg}
 * (fileinstall's factory file name: the factory PID up to the first '-'), identified as the router shows them:
 * by kind, and by {@code clasp.transport.id} when the file sets it, else by {@code <name>} (so that
 * {@code clasp.transport.websocket-default.cfg} and {@code clasp.transport.tcp-default.cfg} are two listeners).
 */
final class ConfiguredListeners {
    /** One configured listener: its transport kind and its instance id. */
    record Listener(String kind, String id) implements Comparable<Listener> {
        @Override
        public int compareTo(Listener other) {
            int byId = id.compareTo(other.id);
            return byId != 0 ? byId : kind.compareTo(other.kind);
        }
    }

    static final String TRANSPORT_PREFIX = "clasp.transport.";
    static final String ID_KEY = "clasp.transport.id";
    /** Felix's typed values, e.g. {@code "foh"} or {@code T"foh"}: the string inside the quotes. */
    private static final Pattern TYPED = Pattern.compile("^[A-Za-z]?\"(.*)\"$");

    private ConfiguredListeners() { }

    /** The listeners configured in {@code etc}; none if the folder cannot be read. */
    static Set<Listener> in(Path etc) {
        Set<Listener> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(etc)) {
            files.forEach(file -> {
                String name = file.getFileName().toString();
                int dash = name.indexOf('-');
                if (name.startsWith(TRANSPORT_PREFIX) && name.endsWith(".cfg") && dash > 0 && dash < name.length() - 5) {
                    String kind = name.substring(TRANSPORT_PREFIX.length(), dash);
                    ids.add(new Listener(kind, idOf(file, name.substring(dash + 1, name.length() - 4))));
                }
            });
        } catch (IOException e) {
            return ids;
        }
        return ids;
    }

    private static String idOf(Path file, String name) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return name; // unreadable now (being written?): the next look reads it again
        }
        String id = p.getProperty(ID_KEY, "").trim();
        Matcher typed = TYPED.matcher(id);
        if (typed.matches()) id = typed.group(1);
        return id.isBlank() ? name : id;
    }
}
