package clasp.runtime.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

/**
 * The runtime's logging, set up in code: what the bundled {@code logback.xml} says (console at INFO, OSGi events
 * only from WARN), without Joran's XML parsing, which cost about 0.3 s of CPU on the start-up's critical path
 * (over a second on a busy machine). {@code logback.xml} stays the same configuration as a file, for {@code -Dlogback.configurationFile} and
 * the in-framework tests; ConsoleLoggingTest keeps the two equal.
 */
final class ConsoleLogging {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    static final String APPENDER = "CONSOLE";
    /** felix.logback's logger names for bundle, service and framework events. */
    static final String EVENTS = "Events";

    private ConsoleLogging() { }

    /** Replaces whatever {@code context} was configured with. */
    static void apply(LoggerContext context) {
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder);
        console.start();
        context.getLogger(EVENTS).setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }
}
