package clasp.oscquery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.router.internal.OpenAuthoriser;
import clasp.router.internal.RouterComponent;
import clasp.router.internal.RouterSettings;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A port in use: the server reports it, announces nothing, and its stop leaves no thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Test
    void aPortInUseFailsTheBindWithoutAnnouncingAndTheStopLeavesNoThread() throws Exception {
        RouterComponent router = new RouterComponent();
        router.startStandalone(RouterSettings.defaults());
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            OpenAuthoriser open = new OpenAuthoriser();
            OscQueryServer server = new OscQueryServer(TestServer.config("port", taken.getLocalPort()), router, () -> open);
            AtomicBoolean announced = new AtomicBoolean();
            server.start(local -> announced.set(true));
            assertThatThrownBy(() -> server.bound().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
            assertThat(announced).isFalse();
            assertThat(router.sessions()).extracting(s -> s.name()).contains("oscquery");
            server.stop();
            assertThat(router.sessions()).extracting(s -> s.name()).doesNotContain("oscquery");
        } finally {
            router.deactivate();
        }
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(OscQueryServer.THREAD_PREFIX)));
    }
}
