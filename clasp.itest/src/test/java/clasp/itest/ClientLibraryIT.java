package clasp.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.client.ClaspClient;
import clasp.client.ConnectionState;
import clasp.client.Reconnect;
import clasp.client.Update;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client library against the runtime process, over WebSocket and TCP: the router process is killed with
 * SIGKILL, both clients notice and reconnect with backoff, and once a new runtime listens on the same ports the
 * subscription is in place again: the first write of the new router reaches the watcher, once.
 */
class ClientLibraryIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Logged once every configured listener accepts clients. */
    private static final String READY = "CLASP runtime ready";

    @TempDir
    Path workDir;

    @Test
    void bothClientsOutliveAKilledRouterAndTheSubscriptionWorksOnTheNextOne() throws Exception {
        RuntimeJar jar = RuntimeJar.fromSystemProperty();
        Path etc = workDir.resolve("etc");
        int ws = RuntimeProcess.quietListener(etc);
        int tcp = Net.freePort();
        Files.writeString(etc.resolve("clasp.transport.tcp-default.cfg"), "host=127.0.0.1\nport=" + tcp + "\n");
        Reconnect quick = Reconnect.backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        List<ConnectionState> watcherStates = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        RuntimeProcess first = new RuntimeProcess(jar, workDir);
        try (ClaspClient writer = ClaspClient.builder(URI.create("ws://127.0.0.1:" + ws + "/")).name("it-writer").reconnect(quick).build();
             ClaspClient watcher = ClaspClient.builder(URI.create("tcp://127.0.0.1:" + tcp)).name("it-watcher").reconnect(quick).build()) {
            first.awaitLine(READY, WAIT);
            writer.connect(WAIT);
            watcher.connect(WAIT);
            watcher.onStateChange(watcherStates::add);
            watcher.subscribe("/k/**", (Update u) -> seen.add(u.address() + "=" + u.value() + "@" + u.revision()))
                    .get(30, TimeUnit.SECONDS);
            assertThat(writer.set("/k/a", Value.of(1L)).get(30, TimeUnit.SECONDS)).isEqualTo(1L);
            await().atMost(WAIT).until(() -> seen.size() == 1);

            first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);   // SIGKILL: no goodbye of any kind
            await().atMost(WAIT).until(() -> watcherStates.contains(ConnectionState.RECONNECTING)
                    && writer.state() == ConnectionState.RECONNECTING);

            Provisioning.freshStore(workDir.resolve("data"));   // a fresh router: the store would keep /k/a at revision 1
            try (RuntimeProcess second = new RuntimeProcess(jar, workDir)) {
                second.awaitLine(READY, WAIT);
                await().atMost(WAIT).alias("both connected again").until(() -> writer.state() == ConnectionState.CONNECTED
                        && watcher.state() == ConnectionState.CONNECTED);
                assertThat(writer.set("/k/a", Value.of(2L)).get(30, TimeUnit.SECONDS)).isEqualTo(1L);  // a fresh router
                await().atMost(WAIT).until(() -> seen.size() == 2);
                assertThat(seen).containsExactly("/k/a=1@1", "/k/a=2@1");
            }
        } finally {
            first.close();
        }
    }
}
