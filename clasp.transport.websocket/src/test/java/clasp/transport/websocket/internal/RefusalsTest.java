package clasp.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import clasp.transport.netty.Refusals;

class RefusalsTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(Refusals.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    @Test
    void aStormOfRefusalsIsOneLineWithItsCounts() {
        Refusals<WebSocketRefusal> refusals = new Refusals<>(WebSocketRefusal.class, WebSocketTransport.PID, "main");
        for (int i = 0; i < 500; i++) {
            refusals.count(WebSocketRefusal.SURPLUS_UPGRADE);
        }
        refusals.count(WebSocketRefusal.TOO_BIG);
        refusals.count(WebSocketRefusal.TOO_BIG);

        refusals.report();
        refusals.report(); // nothing new: no line

        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getFormattedMessage()).isEqualTo("clasp.transport.websocket main: "
                + "500 refused with 503: too many upgrades at once; 2 closed with 1009: message above maxFrameBytes");
        refusals.count(WebSocketRefusal.BAD_VERSION);
        refusals.stop(); // the last counts are reported when the listener stops
        assertThat(log.list).hasSize(2);
        assertThat(log.list.get(1).getFormattedMessage()).endsWith(": 1 refused with 426: unsupported WebSocket version");
        assertThat(refusals.total(WebSocketRefusal.SURPLUS_UPGRADE)).isEqualTo(500); // totals outlive the reports
    }
}
