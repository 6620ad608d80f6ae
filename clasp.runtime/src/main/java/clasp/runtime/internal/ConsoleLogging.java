package clasp.runtime.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.io.OutputStream;

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
    /** The audit log's logger (docs/security.md), written to the console and to {@code <clasp.data>/audit.log}. */
    static final String AUDIT = "clasp.audit";
    static final String AUDIT_APPENDER = "AUDIT";

    private ConsoleLogging() { }

    /** Replaces whatever {@code context} was configured with; the audit log goes to {@code <dataFolder>/audit.log} too. */
    static void apply(LoggerContext context, String dataFolder) {
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ProcessConsoleAppender(System.out);
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder);
        console.start();
        context.getLogger(EVENTS).setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        context.getLogger(AUDIT).addAppender(auditFile(context, dataFolder + "/audit.log"));
    }

    /**
     * The console appender bound to the process's standard output as it is at set-up: logback's own follows
     * {@code System.out} at each line, and Gogo sets {@code System.out} per thread to the session that runs a command,
     * which sent every line logged on a command's thread (the audit line of the command itself) to that session's
     * terminal, an SSH client's included.
     */
    static final class ProcessConsoleAppender extends ConsoleAppender<ILoggingEvent> {
        private final OutputStream stdout;

        ProcessConsoleAppender(OutputStream stdout) {
            this.stdout = stdout;
        }

        @Override
        public void start() {
            super.start();
            setOutputStream(stdout);   // replaces the System.out follower, which has nothing to close
        }
    }

    /** audit.log, rolled at 10 MB into audit.1.log … audit.5.log. */
    private static RollingFileAppender<ILoggingEvent> auditFile(LoggerContext context, String file) {
        RollingFileAppender<ILoggingEvent> out = new RollingFileAppender<>();
        out.setContext(context);
        out.setName(AUDIT_APPENDER);
        out.setFile(file);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(out);
        rolling.setFileNamePattern(file.substring(0, file.length() - 4) + ".%i.log");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(5);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf("10MB"));
        trigger.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %msg%n");
        encoder.start();
        out.setRollingPolicy(rolling);
        out.setTriggeringPolicy(trigger);
        out.setEncoder(encoder);
        out.start();
        return out;
    }
}
