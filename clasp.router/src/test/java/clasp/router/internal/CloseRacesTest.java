package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.Value;
import clasp.api.message.HelloMessage;
import clasp.api.message.SetMessage;
import clasp.api.message.WelcomeMessage;
import clasp.router.internal.session.NetworkSession;
import clasp.api.router.ParamState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session closing while its requests are in flight leaves nothing behind: no lock, no session, no count. */
class CloseRacesTest extends RouterTestSupport {
    private final Watchdog watchdog = new Watchdog();

    @AfterEach void stopWatchdog() { watchdog.close(); }

    @Test void aLockGrantedWhileItsSessionClosesIsNotLeftHeldByTheDeadSession() throws Exception {
        for (int round = 0; round < 2_000; round++) {
            TestClient c = client();
            String address = "/race/" + round;
            List<Callable<?>> tasks = List.of(() -> {
                c.send(new SetMessage(address, Value.of(1L), null, true, false, null));
                return null;
            }, () -> {
                c.disconnect();
                return null;
            });
            watchdog.round(tasks);
            String holder = router.param(address).map(ParamState::lockHolder).orElse(null);
            assertThat(holder).as("round %d: lock holder of %s after its session closed", round, address).isNull();
            router.removeParams(address);   // every HELLO is greeted with every param: keep the next greeting small
        }
    }

    /** A HELLO racing the connection's close: the session is either never registered or removed; counts stay true. */
    @Test void aHelloRacingACloseLeavesNoSessionAndNoHandshakeCountBehind() throws Exception {
        restart(TestSettings.defaults().maxHandshaking(1).maxSessions(1));
        for (int round = 0; round < 2_000; round++) {
            TestClient c = connect();
            assertThat(c.conn.closeCode).as("round %d: admitted into the handshake", round).isNull();
            List<Callable<?>> tasks = List.of(() -> {
                c.send(new HelloMessage(1, Set.of(Feature.PARAM), "racer", null));
                return null;
            }, () -> {
                c.disconnect();
                return null;
            });
            watchdog.round(tasks);
            assertThat(router.sessions()).as("round %d", round).isEmpty();
        }
        // The gate still counts exactly: one connection in handshake, one session, and nothing more.
        TestClient first = connect();
        TestClient second = connect();
        assertThat(first.conn.closeCode).isNull();
        assertThat(second.conn.closeCode).as("a second connection in handshake").isEqualTo(1013);
        first.hello();
        TestClient third = connect();
        third.send(new HelloMessage(1, Set.of(Feature.PARAM), "third", null));
        assertThat(third.conn.closeCode).as("a second session").isEqualTo(1013);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> router.sessions().size() == 1);
    }

    /** The hello timer firing as HELLO arrives: either the session is admitted and stays, or it is closed and absent. */
    @Test void theHelloTimeoutNeverClosesASessionItsHelloAdmitted() throws Exception {
        int timedOut = 0;
        for (int round = 0; round < 2_000; round++) {
            TestClient c = connect();
            NetworkSession s = (NetworkSession) c.handler;
            watchdog.round(List.of(() -> {
                c.send(new HelloMessage(1, Set.of(Feature.PARAM), "racer", null));
                return null;
            }, () -> {
                s.helloTimedOut();
                return null;
            }));
            boolean welcomed = c.take().stream().anyMatch(m -> m instanceof WelcomeMessage);
            if (welcomed) {
                assertThat(c.conn.closeCode).as("round %d: admitted, then closed by the hello timer", round).isNull();
                assertThat(router.sessions()).as("round %d", round).hasSize(1);
                c.disconnect();
            } else {
                timedOut++;
                assertThat(c.conn.closeCode).as("round %d", round).isEqualTo(1002);
            }
            assertThat(router.sessions()).as("round %d", round).isEmpty();
        }
        assertThat(router.stats().refusals().getOrDefault("hello-timeout", 0L)).isEqualTo(timedOut);
    }
}
