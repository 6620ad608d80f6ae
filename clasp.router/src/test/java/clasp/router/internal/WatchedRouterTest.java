package clasp.router.internal;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A router with default settings per test and a {@link Watchdog} for its rounds. The router is stopped on a thread
 * of its own, so that a deadlocked router fails the test instead of hanging it.
 */
abstract class WatchedRouterTest {
    RouterComponent router;
    final Watchdog watchdog = new Watchdog();

    @BeforeEach void start() {
        router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
    }

    @AfterEach void stop() throws InterruptedException {
        watchdog.close();
        Thread stopper = new Thread(router::deactivate, "test-router-stop");
        stopper.setDaemon(true);
        stopper.start();
        stopper.join(TimeUnit.SECONDS.toMillis(30));
    }
}
