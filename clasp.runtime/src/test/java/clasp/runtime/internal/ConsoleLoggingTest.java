package clasp.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;

/** The logging set up in code is the one the bundled logback.xml describes. */
class ConsoleLoggingTest {

    @Test
    void codeAndLogbackXmlConfigureTheSame() throws Exception {
        LoggerContext fromXml = new LoggerContext();
        fromXml.putProperty("clasp.data", "target/logging-test");   // as -Dclasp.data would
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(fromXml);
        joran.doConfigure(ConsoleLogging.class.getClassLoader().getResource("logback.xml"));
        LoggerContext fromCode = new LoggerContext();
        ConsoleLogging.apply(fromCode, "target/logging-test");

        for (LoggerContext context : new LoggerContext[] {fromXml, fromCode}) {
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            assertThat(context.getLogger(ConsoleLogging.EVENTS).getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("Events.Bundle.clasp.router").getEffectiveLevel()).isEqualTo(Level.WARN);
            Appender<?> appender = root.getAppender(ConsoleLogging.APPENDER);
            assertThat(appender).isInstanceOf(ConsoleAppender.class);
            assertThat(appender.isStarted()).isTrue();
            PatternLayoutEncoder encoder = (PatternLayoutEncoder) ((ConsoleAppender<?>) appender).getEncoder();
            assertThat(encoder.getPattern()).isEqualTo(ConsoleLogging.PATTERN);
            assertThat(root.iteratorForAppenders()).toIterable().hasSize(1);
            Appender<?> audit = context.getLogger(ConsoleLogging.AUDIT).getAppender(ConsoleLogging.AUDIT_APPENDER);
            assertThat(audit).isInstanceOf(ch.qos.logback.core.rolling.RollingFileAppender.class);
            assertThat(((ch.qos.logback.core.rolling.RollingFileAppender<?>) audit).getFile()).isEqualTo("target/logging-test/audit.log");
            assertThat(context.getLogger(ConsoleLogging.AUDIT).isAdditive()).isTrue();   // on the console as well
        }
    }

    @Test
    void aLineLooksAsTheRuntimePrintsIt() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.apply(context, "target/logging-test");
        Logger logger = context.getLogger("clasp.runtime.internal.RuntimeActivator");
        LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "CLASP runtime {}", null, new Object[] {"started"});
        event.setThreadName("FelixStartLevel");
        ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(ConsoleLogging.APPENDER);

        String line = new String(((PatternLayoutEncoder) console.getEncoder()).encode(event), StandardCharsets.UTF_8);

        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[FelixStartLevel] c\\.runtime\\.internal\\.RuntimeActivator - CLASP runtime started\\R");
        assertThat(context.getLogger("Events.Service").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("clasp.router").isDebugEnabled()).isFalse();
    }

    /** Gogo swaps System.out per thread for the session running a command: the log stays on the process's output. */
    @Test
    void linesGoToTheOutputOfTheSetUpNotToWhatSystemOutBecameLater() {
        PrintStream original = System.out;
        ByteArrayOutputStream atSetUp = new ByteArrayOutputStream();
        ByteArrayOutputStream later = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(atSetUp, true, StandardCharsets.UTF_8));
            ConsoleLogging.apply(context, "target/logging-test");
            System.setOut(new PrintStream(later, true, StandardCharsets.UTF_8));
            context.getLogger("clasp.audit").info("admin-command user=u command=\"c\"");
        } finally {
            System.setOut(original);
            context.stop();
        }
        assertThat(atSetUp.toString(StandardCharsets.UTF_8)).as("later: " + later).contains("clasp.audit - admin-command user=u command=\"c\"");
        assertThat(later.size()).isZero();
    }
}
