package clasp.runtime.internal;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Interactive or headless. With a terminal the Gogo shell runs as usual and {@code exit} stops the runtime.
 * Without one (CI, a service, stdin from /dev/null) Gogo would read end of input and stop the framework, so
 * the runtime runs headless: Gogo starts no session, never reads stdin, and the runtime runs until SIGTERM.
 * {@code -Dclasp.headless=true|false} overrides the detection; an explicit {@code -Dgosh.args=...} always wins.
 */
final class ShellMode {
    static final String HEADLESS_PROPERTY = "clasp.headless";
    static final String GOSH_ARGS = "gosh.args";

    private ShellMode() {
    }

    static boolean headless(String configuredGoshArgs, String headlessProperty, boolean terminal) {
        boolean headless = headlessProperty != null ? Boolean.parseBoolean(headlessProperty) : !terminal;
        return headless && configuredGoshArgs == null;
    }

    /**
     * The system properties (Gogo reads them through the framework properties) for a headless Gogo. Gogo's
     * default login profile fails without an interactive session, so {@code gosh.home} points at a folder
     * whose {@code etc/gosh_profile} is empty; a dumb terminal spares JLine's "no system terminal" warning.
     */
    static Map<String, String> headlessProperties(Path goshHome) throws IOException {
        Path profile = goshHome.resolve("etc").resolve("gosh_profile");
        Files.createDirectories(profile.getParent());
        Files.writeString(profile, "# headless CLASP runtime: no login profile\n");
        return Map.of(GOSH_ARGS, "--nointeractive --noshutdown",
                "gosh.home", goshHome.toString(),
                "org.jline.terminal.dumb", "true");
    }

    static boolean hasTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a Console even without a terminal; isTerminal() tells them apart.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // Java 17 to 21: a console is a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
