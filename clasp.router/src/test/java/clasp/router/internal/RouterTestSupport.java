package clasp.router.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A router with default settings per test, restartable with others; clients connect in memory. */
abstract class RouterTestSupport {
    RouterComponent router;

    @BeforeEach void startRouter() {
        router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
    }

    @AfterEach void stopRouter() { router.deactivate(); }

    /** Replaces the router by one with {@code settings}. */
    void restart(TestSettings settings) {
        router.deactivate();
        router = new RouterComponent();
        router.startStandalone(settings.build());
    }

    /** A connection that has not sent HELLO yet. */
    TestClient connect() { return new TestClient(router); }

    /** A handshaken client, WELCOME and initial SNAPSHOT already taken. */
    TestClient client() { return connect().hello(); }
}
