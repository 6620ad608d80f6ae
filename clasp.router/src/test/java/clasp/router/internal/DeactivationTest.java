package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import org.junit.jupiter.api.Test;

/** A router stopped while it holds state says so: a refresh of a core bundle never drops params silently. */
class DeactivationTest {
    @Test void stoppingARouterThatHoldsParamsAndSessionsWarnsWhatIsDroppedAndWhy() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        try (LocalSession s = router.openSession("writer", false)) {
            s.set("/a", Value.of(1L));
            s.set("/b", Value.of(2L));
        }
        new TestClient(router).hello();
        try (LogCapture log = new LogCapture(RouterComponent.class)) {
            router.deactivate(6);   // DS: the bundle was stopped
            assertThat(log.warnings()).containsExactly("clasp.router: stopping (its bundle was stopped, updated or "
                    + "refreshed): dropping 2 params and closing 1 sessions; params are held in memory only and are gone "
                    + "when the router starts again");
        }
    }

    @Test void anEmptyRouterStopsQuietly() {
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        try (LogCapture log = new LogCapture(RouterComponent.class)) {
            router.deactivate(6);
            assertThat(log.warnings()).isEmpty();
        }
    }
}
