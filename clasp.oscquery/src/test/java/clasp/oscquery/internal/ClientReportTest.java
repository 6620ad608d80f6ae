package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Dropped client input reaches the log as one WARN line per interval with counts, and nothing when nothing was dropped. */
class ClientReportTest {

    @Test
    void aLineWithTheCountsSinceTheLastOneOnlyWhenSomethingWasDropped() {
        Logger logger = (Logger) LoggerFactory.getLogger(ClientReport.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        try (var session = router.openSession("report", false)) {
            LongAdder ignored = new LongAdder();
            ClientWrites writes = new ClientWrites(session, 1024);
            ClientReport report = new ClientReport(ignored, writes);
            report.log();
            assertThat(lines.list).isEmpty();
            ignored.add(3);
            writes.received(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));   // malformed
            report.log();
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("clasp.oscquery: dropped "
                    + "from WebSocket clients in the last 10 s: 3 text messages that were no LISTEN/IGNORE command, 1 malformed "
                    + "OSC packets, 0 OSC writes refused (bundles, addresses that are no OSC path, SETs the router refused)");
            report.log();
            assertThat(lines.list).hasSize(1);
        } finally {
            logger.detachAppender(lines);
            router.deactivate();
        }
    }
}
