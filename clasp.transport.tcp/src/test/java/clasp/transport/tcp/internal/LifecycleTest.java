package clasp.transport.tcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Opening, closing and live reconfiguration (@Modified) of listeners, over real sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleTest {
    private static final byte[] FRAME = {0x53, 0x01, 0x00, 0x01, 0x7F};
    /** The data folder of listeners without TLS: never written to. */
    static final Path DATA = Path.of("target", "no-data");

    private final RecordingAcceptor router = new RecordingAcceptor();
    @RegisterExtension
    final StartedListeners listeners = new StartedListeners(router);

    @Test
    void closeEndsEveryConnectionAndLeavesNoThreadOfTheListener() throws Exception {
        TcpTransport transport = listeners.startNamed("closing", "ioThreads", 2);
        assertThat(transport.endpoint()).isEqualTo("tcp://127.0.0.1:" + transport.localAddress().getPort());
        try (RawTcpClient a = RawTcpClient.connect(transport); RawTcpClient b = RawTcpClient.connect(transport)) {
            a.sendFrame(FRAME);
            b.sendFrame(FRAME);
            assertThat(a.readFrame()).containsExactly(FRAME);
            assertThat(b.readFrame()).containsExactly(FRAME);
            assertThat(listenerThreads("closing")).isGreaterThanOrEqualTo(3); // acceptor + 2 I/O threads

            transport.close();

            assertThat(a.readFrame()).isNull();
            assertThat(b.readFrame()).isNull();
            assertThat(router.peers).hasSize(2).allSatisfy(p -> assertThat(p.closedCalls.get()).isEqualTo(1));
            Stalls.await("no listener thread", 30, () -> listenerThreads("closing") == 0);
            assertThat(transport.endpoint()).isEmpty();
        }
    }

    @Test
    void aNewPortRebindsThisListenerOnlyAndItsOpenConnectionsStay() throws Exception {
        TcpTransport moved = listeners.startNamed("moved");
        TcpTransport other = listeners.startNamed("other");
        int oldPort = moved.localAddress().getPort();
        int otherPort = other.localAddress().getPort();
        try (RawTcpClient onMoved = RawTcpClient.connect(moved); RawTcpClient onOther = RawTcpClient.connect(other)) {
            onMoved.sendFrame(FRAME);
            onOther.sendFrame(FRAME);
            assertThat(onMoved.readFrame()).containsExactly(FRAME);
            assertThat(onOther.readFrame()).containsExactly(FRAME);
            int newPort = freePort();

            moved.modified(TestConfig.loopback("port", newPort));

            assertThat(moved.localAddress().getPort()).isEqualTo(newPort);
            assertThat(moved.endpoint()).isEqualTo("tcp://127.0.0.1:" + newPort);
            assertThatThrownBy(() -> new Socket("127.0.0.1", oldPort).close()).isInstanceOf(ConnectException.class);
            try (RawTcpClient onNewPort = RawTcpClient.connect(new InetSocketAddress("127.0.0.1", newPort))) {
                onNewPort.sendFrame(FRAME);
                assertThat(onNewPort.readFrame()).containsExactly(FRAME);
            }
            // Both earlier connections go on, and the other listener never moved.
            onMoved.sendFrame(FRAME);
            onOther.sendFrame(FRAME);
            assertThat(onMoved.readFrame()).containsExactly(FRAME);
            assertThat(onOther.readFrame()).containsExactly(FRAME);
            assertThat(other.localAddress().getPort()).isEqualTo(otherPort);
            assertThat(router.peers).hasSize(3);
            assertThat(router.peers.subList(0, 2)).allSatisfy(p -> assertThat(p.closedCalls.get()).isZero());
        }
    }

    @Test
    void aNewFrameLimitAppliesToConnectionsAcceptedAfterTheChange() throws Exception {
        TcpTransport transport = listeners.start();
        byte[] large = new byte[200];
        try (RawTcpClient before = RawTcpClient.connect(transport)) {
            before.sendFrame(FRAME);
            assertThat(before.readFrame()).containsExactly(FRAME);

            transport.modified(TestConfig.loopback("port", transport.localAddress().getPort(), "maxFrameBytes", 100));

            try (RawTcpClient after = RawTcpClient.connect(transport)) {
                after.sendFrame(large);
                assertThat(after.readFrame()).isNull();
            }
            before.sendFrame(large);
            assertThat(before.readFrame()).isEqualTo(large);
            assertThat(transport.refused(TcpRefusal.TOO_BIG)).isEqualTo(1);
        }
    }

    @Test
    void otherEventLoopSettingsRestartTheListenerOnItsPort() throws Exception {
        TcpTransport transport = listeners.startNamed("restarted");
        int port = transport.localAddress().getPort();
        try (RawTcpClient before = RawTcpClient.connect(transport)) {
            before.sendFrame(FRAME);
            assertThat(before.readFrame()).containsExactly(FRAME);

            transport.modified(TestConfig.loopback("port", port, "epoll", false, "ioThreads", 2));

            assertThat(before.readFrame()).isNull(); // closed by the restart
            assertThat(transport.ioKind()).isEqualTo("nio");
            assertThat(transport.localAddress().getPort()).isEqualTo(port);
            try (RawTcpClient after = RawTcpClient.connect(transport)) {
                after.sendFrame(FRAME);
                assertThat(after.readFrame()).containsExactly(FRAME);
            }
        }
    }

    @Test
    void anInvalidChangeIsIgnoredAndTheListenerKeepsServing() throws Exception {
        TcpTransport transport = listeners.start();
        int port = transport.localAddress().getPort();

        transport.modified(TestConfig.loopback("port", port, "writeBufferLowWaterMark", 10, "writeBufferHighWaterMark", 5));

        try (RawTcpClient client = RawTcpClient.connect(transport)) {
            client.sendFrame(FRAME);
            assertThat(client.readFrame()).containsExactly(FRAME);
        }
        assertThat(transport.localAddress().getPort()).isEqualTo(port);
    }

    @Test
    void aListenerThatCouldNotBindBindsOnceItsPortIsChanged() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            TcpTransport transport = new TcpTransport(TestConfig.loopback("port", taken.getLocalPort()),
                    Map.of("service.pid", TcpTransport.PID + "~busy"), DATA);
            try {
                assertThatThrownBy(() -> transport.open(router)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
                assertThat(listenerThreads("busy")).isZero();

                transport.modified(TestConfig.loopback("port", 0));

                try (RawTcpClient client = RawTcpClient.connect(transport)) {
                    client.sendFrame(FRAME);
                    assertThat(client.readFrame()).containsExactly(FRAME);
                }
            } finally {
                transport.deactivate();
            }
            Stalls.await("no listener thread", 30, () -> listenerThreads("busy") == 0);
        }
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingThePid() {
        assertThatThrownBy(() -> new TcpTransport(TestConfig.loopback("maxFrameBytes", 3), Map.of(), DATA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.tcp: invalid configuration: maxFrameBytes must be at least 4, is 3");
    }

    private static long listenerThreads(String id) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(TcpTransport.THREAD_PREFIX + id + "-"))
                .count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }
}
