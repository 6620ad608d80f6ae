package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import clasp.api.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Refused recalls from the control address are all counted, and logged at WARN at most once per interval. */
class RefusalLogTest {
    @TempDir Path folder;
    private RouterFixture fixture;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("clasp.scene");

    @BeforeEach
    void start() {
        fixture = new RouterFixture(folder);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        fixture.close();
    }

    @Test
    void refusalsAreCountedAndTheWarningsRateLimited() {
        var session = fixture.session("scene");
        var recall = new SceneRecall(new SceneLibrary(new SceneFolder(folder)), new Recaller(session, System::nanoTime),
                session, Clock.systemUTC());
        AtomicLong nanos = new AtomicLong(1_000);
        SceneControl control = new SceneControl("/c", recall, null, nanos::get);

        control.handle(Value.of("a"));
        control.handle(Value.of("b"));
        nanos.addAndGet(SceneControl.WARN_INTERVAL_MS * 1_000_000L - 1);
        control.handle(Value.of(true));
        nanos.addAndGet(1);
        control.handle(Value.of("d"));

        assertThat(control.refused()).isEqualTo(4);
        assertThat(control.recalled()).isZero();
        assertThat(log.list).allMatch(e -> e.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "clasp.scene: recall a refused: no scene a",
                "clasp.scene: recall d refused: no scene d (2 more refused recalls not logged)");
    }
}
