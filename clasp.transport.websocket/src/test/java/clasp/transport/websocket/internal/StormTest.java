package clasp.transport.websocket.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.transport.Connection;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A storm of new connections beside a live session: the session's traffic goes on in order, the storm all ends. */
class StormTest {
    private static final int STORM = 400;
    private static final int MAX_PENDING_UPGRADES = 8;

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);
    private final List<Socket> storm = new ArrayList<>();

    @AfterEach
    void closeStorm() throws IOException {
        for (Socket socket : storm) {
            socket.close();
        }
    }

    @Test
    void aStormOfConnectionsIsRefusedBeyondTheBoundWhileALiveSessionKeepsItsOrder() throws Exception {
        WebSocketTransport transport = listeners.start("ioThreads", 1, "maxPendingUpgrades", MAX_PENDING_UPGRADES,
                "maxConnectionsPerIp", 0, "maxHandshakesPerSecond", 0);   // the storm comes from one address
        TestClient live = TestClient.connect(URI.create("ws://127.0.0.1:" + transport.localAddress().getPort() + "/"));
        Stalls.await("the live session", 10, () -> router.peers.size() == 1);
        // Past the live session, the router refuses everyone, as at its session limit.
        router.onAccept = peer -> peer.connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "at capacity");

        int roundTrips = 300;
        AtomicReference<Throwable> liveFailure = new AtomicReference<>();
        Thread liveTraffic = new Thread(() -> roundTrips(live, roundTrips, liveFailure), "test-live");
        liveTraffic.start();

        // All connect first, so all are between accept and upgrade at once; then all ask to upgrade.
        for (int i = 0; i < STORM; i++) {
            Socket socket = new Socket();
            socket.connect(transport.localAddress(), 10_000);
            socket.setSoTimeout(30_000);
            storm.add(socket);
        }
        // Beyond the bound every connection is answered at accept, before it sent anything.
        Stalls.await("the listener answered all but " + MAX_PENDING_UPGRADES, 60,
                () -> storm.stream().filter(StormTest::answered).count() == STORM - MAX_PENDING_UPGRADES);
        byte[] upgrade = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger upgraded = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger resetBeforeAnswer = new AtomicInteger();
        for (Socket socket : storm) {
            try {
                socket.getOutputStream().write(upgrade);
            } catch (IOException refusedAlready) {
                // the 503 and the close may come before the request is written
            }
        }
        for (Socket socket : storm) {
            String answer = readToEnd(socket, resetBeforeAnswer);
            if (answer.startsWith("HTTP/1.1 101")) {
                upgraded.incrementAndGet();
            } else if (answer.startsWith("HTTP/1.1 503")) {
                refused.incrementAndGet();
            }
        }

        Stalls.await("the live session's round trips", 60, () -> !liveTraffic.isAlive());
        assertThat(liveFailure.get()).isNull();
        // Every storm connection ended: upgraded (then refused by the router) or refused by the listener.
        assertThat(upgraded.get() + refused.get() + resetBeforeAnswer.get())
                .as("upgraded %s, refused %s, reset %s", upgraded, refused, resetBeforeAnswer).isEqualTo(STORM);
        assertThat(upgraded.get()).isEqualTo(MAX_PENDING_UPGRADES);
        Stalls.await("the router told of every close", 10,
                () -> router.peers.stream().skip(1).allMatch(p -> p.closedCalls.get() == 1));
        assertThat(router.peers).hasSize(1 + upgraded.get());
        assertThat(router.peers.get(0).closedCalls).hasValue(0);
    }

    /** Sends frame i and waits for its echo before frame i + 1: every reply must come back, in order. */
    private static void roundTrips(TestClient client, int count, AtomicReference<Throwable> failure) {
        try {
            for (int i = 0; i < count; i++) {
                client.sendBinary(ByteBuffer.allocate(4).putInt(i).array());
                int expected = i + 1;
                Stalls.await("echo " + i, 30, () -> client.binaries.size() >= expected);
                assertThat(ByteBuffer.wrap(client.binaries.get(i)).getInt()).isEqualTo(i);
            }
            assertThat(client.binaries).hasSize(count);
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    private static boolean answered(Socket socket) {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Everything the server sent until it closed; a reset before any answer is counted. */
    private static String readToEnd(Socket socket, AtomicInteger resetBeforeAnswer) {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[4096];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException reset) {
            if (text.isEmpty()) {
                resetBeforeAnswer.incrementAndGet();
            }
        }
        return text.toString();
    }
}
