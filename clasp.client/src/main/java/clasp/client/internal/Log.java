package clasp.client.internal;

/**
 * The client's logging, through {@link System.Logger}. A logging back end that throws (seen: a JUL bridge left behind
 * by an OSGi framework that stopped in the same JVM) never breaks the protocol engine: the line is lost, nothing else.
 */
final class Log {
    private static final System.Logger LOG = System.getLogger("clasp.client");

    private Log() { }

    static void info(String format, Object... args) { log(System.Logger.Level.INFO, null, format, args); }

    static void warn(String format, Object... args) { log(System.Logger.Level.WARNING, null, format, args); }

    static void warn(Throwable thrown, String message) { log(System.Logger.Level.WARNING, thrown, message); }

    private static void log(System.Logger.Level level, Throwable thrown, String format, Object... args) {
        try {
            if (thrown != null) LOG.log(level, format, thrown);
            else LOG.log(level, format, args);
        } catch (RuntimeException | LinkageError e) {
            // the logger is broken; the client goes on
        }
    }
}
