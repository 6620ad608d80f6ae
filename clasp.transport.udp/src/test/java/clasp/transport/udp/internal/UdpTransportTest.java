package clasp.transport.udp.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.message.WelcomeMessage;
import clasp.protocol.transport.Connection;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UdpTransportTest {
    /** How long a test listens to be sure that nothing comes back. */
    private static final Duration SILENCE = Duration.ofMillis(500);

    private final RecordingAcceptor router = new RecordingAcceptor();
    private final List<UdpTransport> running = new ArrayList<>();
    private final List<UdpClient> clients = new ArrayList<>();

    @AfterEach
    void stopAll() {
        clients.forEach(UdpClient::close);
        running.forEach(UdpTransport::deactivate);
        running.clear();
        assertThat(router.peers).allSatisfy(p -> assertThat(p.violations).isEmpty());
    }

    private UdpTransport start(Object... config) {
        UdpTransport transport = opened(TestConfig.loopback(config));
        running.add(transport);
        return transport;
    }

    /** What the router does with a registered instance: construct (DS), then open with its acceptor. */
    private UdpTransport opened(UdpTransportConfig config) {
        UdpTransport transport = new UdpTransport(config, Map.of("service.pid", "clasp.transport.udp~test"));
        transport.open(router);
        return transport;
    }

    private UdpClient client(UdpTransport transport) throws Exception {
        UdpClient client = new UdpClient(transport.localAddress());
        clients.add(client);
        return client;
    }

    /** A client with a session: its HELLO answered by the WELCOME of session {@code s<n>}. */
    private UdpClient welcomed(UdpTransport transport) throws Exception {
        UdpClient client = client(transport);
        client.send(Frames.hello("c"));
        assertThat(Frames.decode(client.receive())).isInstanceOf(WelcomeMessage.class);
        return client;
    }

    private RecordingAcceptor.Peer peerOf(UdpClient client) {
        return router.peers.stream().filter(p -> p.connection.remoteAddress().equals(client.address()))
                .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no session for " + client.address()));
    }

    @Test
    void theEndpointNamesTheBoundPort() {
        UdpTransport transport = start();
        assertThat(transport.endpoint()).isEqualTo("udp://127.0.0.1:" + transport.localAddress().getPort());
        transport.close();
        assertThat(transport.endpoint()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHelloOpensASessionThatTheRouterAnswers(boolean epoll) throws Exception {
        UdpTransport transport = start("epoll", epoll);
        assertThat(transport.ioKind()).isEqualTo(epoll && Epoll.isAvailable() ? "epoll" : "nio");
        UdpClient client = client(transport);
        byte[] hello = Frames.hello("desk");
        client.send(hello);

        WelcomeMessage welcome = (WelcomeMessage) Frames.decode(client.receive());
        assertThat(welcome.session()).isEqualTo("s0");
        RecordingAcceptor.Peer peer = router.only();
        assertThat(peer.frames).containsExactly(hello);
        Connection connection = peer.connection;
        assertThat(connection.transport()).isEqualTo("udp");
        assertThat(connection.remoteAddress()).isEqualTo(client.address());
        assertThat(connection.peerIdentity()).isNull();
        assertThat(connection.maxFrameBytes()).isEqualTo(65_507);

        byte[] set = Frames.set("/a", 1);
        client.send(set);
        assertThat(client.receive()).isEqualTo(set); // echoed by the test router
        assertThat(peer.frames).containsExactly(hello, set);
        assertThat(transport.peerCount()).isEqualTo(1);
    }

    @Test
    void aSecondHelloFromAPeerGoesToItsSession() throws Exception {
        UdpTransport transport = start();
        UdpClient client = welcomed(transport);
        client.send(Frames.hello("again"));
        assertThat(((WelcomeMessage) Frames.decode(client.receive())).session()).isEqualTo("s0");
        assertThat(router.only().frames).hasSize(2);
        assertThat(transport.peerCount()).isEqualTo(1);
    }

    @Test
    void theLargestDatagramPassesBothWays() throws Exception {
        UdpTransport transport = start();
        UdpClient client = welcomed(transport);
        byte[] largest = new byte[65_507];
        Arrays.fill(largest, (byte) 7);
        largest[0] = 0x53;
        largest[1] = 0x21; // timestamp flag, version 1: 12-byte header
        ByteBuffer.wrap(largest).putShort(2, (short) (65_507 - 12));
        client.send(largest);
        assertThat(client.receive()).isEqualTo(largest);
    }

    @Test
    void framesReachEachPeerInSendOrder() throws Exception {
        router.echo = false;
        UdpTransport transport = start();
        UdpClient first = welcomed(transport);
        UdpClient second = welcomed(transport);
        Connection one = peerOf(first).connection;
        Connection two = peerOf(second).connection;
        int frames = 100;
        Thread sender = new Thread(() -> {
            for (int i = 0; i < frames; i++) {
                one.send(Unpooled.buffer(4).writeInt(i));
                two.send(Unpooled.buffer(4).writeInt(1000 + i));
            }
        }, "test-sender");
        sender.start();
        for (int i = 0; i < frames; i++) {
            assertThat(ByteBuffer.wrap(first.receive()).getInt()).isEqualTo(i);
            assertThat(ByteBuffer.wrap(second.receive()).getInt()).isEqualTo(1000 + i);
        }
        sender.join();
        assertThat(first.receive(SILENCE)).isNull();
        await().atMost(30, SECONDS).until(() -> one.queuedBytes() == 0 && two.queuedBytes() == 0);
        assertThat(one.isWritable()).isTrue();
    }

    @Test
    void anUnknownPeerThatSendsNoHelloGetsNothingBack() throws Exception {
        UdpTransport transport = start();
        UdpClient stranger = client(transport);
        stranger.send(Frames.set("/a", 1));
        stranger.send(Frames.set("/a", 2));

        assertThat(stranger.receive(SILENCE)).isNull();
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.NOT_HELLO) == 2);
        assertThat(router.peers).isEmpty();
        assertThat(transport.peerCount()).isZero();
    }

    @Test
    void oversizeTruncatedAndUndecodableDatagramsAreCountedAndDroppedWhileAnotherPeerWorks() throws Exception {
        UdpTransport transport = start("maxFrameBytes", 1000);
        UdpClient good = welcomed(transport);
        UdpClient bad = welcomed(transport);
        byte[] tooBig = new byte[1001];
        tooBig[0] = 0x53;
        tooBig[1] = 0x01;
        ByteBuffer.wrap(tooBig).putShort(2, (short) 997);
        byte[] truncated = Arrays.copyOf(Frames.set("/a", 1), 8); // the header declares more
        byte[] badMagic = Frames.set("/a", 1);
        badMagic[0] = 0x54;
        byte[] trailing = Arrays.copyOf(Frames.set("/a", 1), Frames.set("/a", 1).length + 3);
        byte[] garbageHello = Frames.hello("x");
        garbageHello[4] = 0x7F; // an unknown message type where HELLO's code was
        byte[] tiny = {0x53, 0x01};

        for (byte[] datagram : List.of(tooBig, truncated, badMagic, trailing, tiny, new byte[0])) {
            bad.send(datagram);
        }
        UdpClient stranger = client(transport);
        stranger.send(garbageHello);
        stranger.send(tooBig);

        byte[] set = Frames.set("/still", 2);
        good.send(set);
        assertThat(good.receive()).isEqualTo(set);
        await().atMost(30, SECONDS).untilAsserted(() -> {
            assertThat(transport.refused(UdpRefusal.TOO_BIG)).isEqualTo(2);
            assertThat(transport.refused(UdpRefusal.TRUNCATED)).isEqualTo(3);
            assertThat(transport.refused(UdpRefusal.UNDECODABLE)).isEqualTo(3);
        });
        assertThat(bad.receive(SILENCE)).isNull();
        assertThat(stranger.receive(Duration.ZERO.plusMillis(1))).isNull();
        assertThat(peerOf(bad).frames).hasSize(1); // its HELLO only
        assertThat(peerOf(bad).closedCalls).hasValue(0); // dropped datagrams end no session
        assertThat(router.peers).hasSize(2);
    }

    @Test
    void aHelloBeyondMaxPeersGetsNothingUntilASessionEnds() throws Exception {
        UdpTransport transport = start("maxPeers", 2);
        UdpClient first = welcomed(transport);
        welcomed(transport);
        UdpClient third = client(transport);
        third.send(Frames.hello("third"));

        assertThat(third.receive(SILENCE)).isNull();
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.PEERS_FULL) == 1);
        assertThat(router.peers).hasSize(2);

        peerOf(first).connection.close(Connection.CLOSE_NORMAL, "bye");
        await().atMost(30, SECONDS).until(() -> peerOf(first).closedCalls.get() == 1);
        third.send(Frames.hello("third"));
        assertThat(((WelcomeMessage) Frames.decode(third.receive())).session()).isEqualTo("s2");
        assertThat(transport.peerCount()).isEqualTo(2);
    }

    @Test
    void aSilentPeerLosesItsSessionAndItsNextHelloOpensANewOne() throws Exception {
        UdpTransport transport = start("peerIdleSeconds", 1);
        UdpClient client = welcomed(transport);
        RecordingAcceptor.Peer first = router.only();

        await().atMost(30, SECONDS).until(() -> first.closedCalls.get() == 1);
        assertThat(transport.peerCount()).isZero();
        client.send(Frames.set("/a", 1)); // no session any more: not a HELLO, so dropped
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.NOT_HELLO) == 1);
        assertThat(first.frames).hasSize(1);

        client.send(Frames.hello("back"));
        assertThat(((WelcomeMessage) Frames.decode(client.receive())).session()).isEqualTo("s1");
        assertThat(router.peers).hasSize(2);
        assertThat(router.peers.get(1).connection.remoteAddress()).isEqualTo(client.address());
    }

    @Test
    void aPeerThatKeepsSendingKeepsItsSession() throws Exception {
        UdpTransport transport = start("peerIdleSeconds", 1);
        UdpClient client = welcomed(transport);
        // Three idle periods, a datagram every 200 ms: the session stays.
        for (int i = 0; i < 15; i++) {
            byte[] set = Frames.set("/alive", i);
            client.send(set);
            assertThat(client.receive()).isEqualTo(set);
            Thread.sleep(200);
        }
        assertThat(router.only().closedCalls).hasValue(0);
    }

    @Test
    void closeSendsTheQueuedFramesThenEndsTheSession() throws Exception {
        router.echo = false;
        UdpTransport transport = start();
        UdpClient client = welcomed(transport);
        RecordingAcceptor.Peer peer = router.only();
        for (int i = 0; i < 10; i++) {
            peer.connection.send(Unpooled.buffer(4).writeInt(i));
        }
        peer.connection.close(Connection.CLOSE_NORMAL, "bye");
        peer.connection.send(Unpooled.buffer(4).writeInt(99)); // after the close: released, never sent
        for (int i = 0; i < 10; i++) {
            assertThat(ByteBuffer.wrap(client.receive()).getInt()).isEqualTo(i);
        }
        await().atMost(30, SECONDS).until(() -> peer.closedCalls.get() == 1);
        assertThat(client.receive(SILENCE)).isNull(); // no close message: UDP has none
        assertThat(transport.peerCount()).isZero();
        client.send(Frames.set("/a", 1));
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.NOT_HELLO) == 1);
    }

    /**
     * A close racing a sender thread, many rounds over real sockets: each peer gets a gap-free prefix of the frames,
     * in order, then nothing; the router hears closed() once, and every frame is released (paranoid leak detection).
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @Timeout(value = 300, unit = SECONDS) // the watchdog: a lost wake-up would hang here
    void aCloseRacingSendsLeavesAnOrderedPrefixEveryRound(boolean now) throws Exception {
        router.echo = false;
        UdpTransport transport = start();
        int frames = 100;
        for (int round = 0; round < 40; round++) {
            UdpClient client = welcomed(transport);
            RecordingAcceptor.Peer peer = peerOf(client);
            CountDownLatch go = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                awaitQuietly(go);
                for (int i = 0; i < frames; i++) {
                    peer.connection.send(Unpooled.buffer(4).writeInt(i));
                }
            }, "test-sender");
            Thread closer = new Thread(() -> {
                awaitQuietly(go);
                Thread.yield();
                if (now) {
                    peer.connection.closeNow(Connection.CLOSE_POLICY, "round over");
                } else {
                    peer.connection.close(Connection.CLOSE_NORMAL, "round over");
                }
            }, "test-closer");
            sender.start();
            closer.start();
            go.countDown();
            sender.join();
            closer.join();
            // looked at every 5 ms: Awaitility's default first look, 100 ms on, would be most of a round
            await().atMost(30, SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> peer.closedCalls.get() == 1);
            // closed() comes after the frames written before the close were handed to the socket: they are here already.
            int expected = 0;
            for (byte[] datagram = client.receive(Duration.ofMillis(50)); datagram != null;
                 datagram = client.receive(Duration.ofMillis(50))) {
                assertThat(ByteBuffer.wrap(datagram).getInt()).as("round %d", round).isEqualTo(expected++);
            }
            assertThat(expected).isBetween(0, frames);
            assertThat(peer.connection.queuedBytes()).isZero();
            client.close();
        }
        assertThat(transport.peerCount()).isZero();
        assertThat(router.peers).hasSize(40).allSatisfy(p -> assertThat(p.closedCalls).hasValue(1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSessionClosedInsideTheFrameThatOpenedItGetsNoFurtherFrame() throws Exception {
        router.echo = false;
        router.onFrame = (peer, frame) -> peer.connection.closeNow(Connection.CLOSE_TRY_AGAIN_LATER, "full");
        UdpTransport transport = start();
        UdpClient client = client(transport);
        client.send(Frames.hello("x"));
        await().atMost(30, SECONDS).until(() -> router.peers.size() == 1 && router.only().closedCalls.get() == 1);
        assertThat(client.receive(SILENCE)).isNull(); // the WELCOME queued in the same call was discarded
        assertThat(router.only().frames).hasSize(1);
        assertThat(transport.peerCount()).isZero();
    }

    @Test
    void framesAboveTheHighWaterMarkAreDroppedAndCountedThenThePeerIsWritableAgain() throws Exception {
        router.echo = false;
        UdpTransport transport = start("writeBufferHighWaterMark", 1000, "writeBufferLowWaterMark", 500);
        UdpClient client = welcomed(transport);
        RecordingAcceptor.Peer peer = router.only();
        AtomicInteger writableWhileQueued = new AtomicInteger(-1);
        // On the event loop, which drains only after this call: 50 frames of 100 bytes queue up at once.
        router.onFrame = (p, frame) -> {
            for (int i = 0; i < 50; i++) {
                p.connection.send(Unpooled.buffer(100).writeInt(i).writeZero(96));
            }
            writableWhileQueued.set(p.connection.isWritable() ? 1 : 0);
        };
        client.send(Frames.set("/burst", 1));

        // Admitted while at most 1000 bytes were queued before it: 11 frames; the other 39 dropped.
        for (int i = 0; i < 11; i++) {
            assertThat(ByteBuffer.wrap(client.receive()).getInt()).isEqualTo(i);
        }
        assertThat(client.receive(SILENCE)).isNull();
        assertThat(writableWhileQueued).hasValue(0);
        assertThat(transport.refused(UdpRefusal.OUTBOUND_FULL)).isEqualTo(39);
        await().atMost(30, SECONDS).until(() -> peer.writableCalls.get() == 1);
        assertThat(peer.connection.isWritable()).isTrue();
        assertThat(peer.connection.queuedBytes()).isZero();
    }

    @Test
    void aFrameAboveMaxFrameBytesIsNotSent() throws Exception {
        router.echo = false;
        UdpTransport transport = start("maxFrameBytes", 100);
        UdpClient client = welcomed(transport);
        Connection connection = router.only().connection;
        connection.send(Unpooled.wrappedBuffer(new byte[101]));
        connection.send(Unpooled.buffer(4).writeInt(7));
        assertThat(ByteBuffer.wrap(client.receive()).getInt()).isEqualTo(7);
        assertThat(transport.refused(UdpRefusal.OUTBOUND_TOO_BIG)).isEqualTo(1);
    }

    @Test
    void aBusyPortFailsTheOpenNamingHostAndPort() {
        UdpTransport first = start();
        int port = first.localAddress().getPort();
        assertThatThrownBy(() -> opened(TestConfig.loopback("port", port)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + port);
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingThePid() {
        assertThatThrownBy(() -> opened(TestConfig.loopback("maxFrameBytes", 65_508)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.udp: invalid configuration: maxFrameBytes must be 5..65507, is 65508");
        assertThatThrownBy(() -> opened(TestConfig.loopback("writeBufferLowWaterMark", 10, "writeBufferHighWaterMark", 5)))
                .hasMessageContaining("writeBufferLowWaterMark");
        assertThat(liveTransportThreads()).isEmpty();
    }

    @Test
    void closeEndsEverySessionBeforeItReturnsAndLeavesNoThread() throws Exception {
        UdpTransport transport = start();
        welcomed(transport);
        welcomed(transport);
        assertThat(liveTransportThreads()).anyMatch(n -> n.startsWith("clasp-transport-udp-test-io"))
                .anyMatch(n -> n.startsWith("clasp-transport-udp-test-boss"));
        InetSocketAddress bound = transport.localAddress();

        running.remove(transport);
        transport.deactivate();

        assertThat(router.peers).hasSize(2).allSatisfy(p -> assertThat(p.closedCalls).hasValue(1));
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(liveTransportThreads()).isEmpty());
        UdpTransport again = start("port", bound.getPort()); // the port is free again
        assertThat(again.localAddress().getPort()).isEqualTo(bound.getPort());
    }

    @Test
    void aFailedOpenLeavesNoThread() {
        UdpTransport first = start();
        int port = first.localAddress().getPort();
        assertThatThrownBy(() -> opened(TestConfig.loopback("port", port)));
        running.remove(first);
        first.deactivate();
        await().atMost(30, SECONDS).untilAsserted(() -> assertThat(liveTransportThreads()).isEmpty());
    }

    @Test
    void aPortChangeRebindsThisListenerOnly() throws Exception {
        UdpTransport moved = start();
        UdpTransport other = start();
        UdpClient before = welcomed(moved);
        UdpClient bystander = welcomed(other);
        RecordingAcceptor.Peer old = peerOf(before);
        int newPort = freePort();

        moved.modified(TestConfig.loopback("port", newPort));

        assertThat(moved.localAddress().getPort()).isEqualTo(newPort);
        assertThat(moved.endpoint()).isEqualTo("udp://127.0.0.1:" + newPort);
        assertThat(old.closedCalls).hasValue(1); // its sessions belonged to the old socket
        UdpClient after = welcomed(moved);
        assertThat(peerOf(after).connection.remoteAddress()).isEqualTo(after.address());
        byte[] set = Frames.set("/other", 1);
        bystander.send(set);
        assertThat(bystander.receive()).isEqualTo(set);
        assertThat(peerOf(bystander).closedCalls).hasValue(0);
    }

    @Test
    void aRebindToABusyPortFailsAndTheNextChangeBindsAgain() throws Exception {
        UdpTransport transport = start();
        UdpTransport holder = start();
        int busy = holder.localAddress().getPort();
        assertThatThrownBy(() -> transport.modified(TestConfig.loopback("port", busy)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:" + busy);
        assertThat(transport.endpoint()).isEmpty();

        int free = freePort();
        transport.modified(TestConfig.loopback("port", free));
        assertThat(transport.localAddress().getPort()).isEqualTo(free);
        welcomed(transport);
    }

    @Test
    void aLimitChangeAppliesWithoutRebinding() throws Exception {
        UdpTransport transport = start("maxPeers", 1);
        int port = transport.localAddress().getPort();
        UdpClient first = welcomed(transport);
        UdpClient second = client(transport);
        second.send(Frames.hello("second"));
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.PEERS_FULL) == 1);

        transport.modified(TestConfig.loopback("maxPeers", 2, "maxFrameBytes", 100)); // port still 0: no rebind

        assertThat(transport.localAddress().getPort()).isEqualTo(port);
        second.send(Frames.hello("second"));
        assertThat(Frames.decode(second.receive())).isInstanceOf(WelcomeMessage.class);
        assertThat(peerOf(first).closedCalls).hasValue(0);
        byte[] set = Frames.set("/still", 1);
        first.send(set);
        assertThat(first.receive()).isEqualTo(set);
        byte[] big = Arrays.copyOf(Frames.set("/big", 1), 101);
        ByteBuffer.wrap(big).putShort(2, (short) (101 - 4));
        first.send(big);
        await().atMost(30, SECONDS).until(() -> transport.refused(UdpRefusal.TOO_BIG) == 1);
        assertThat(peerOf(first).connection.maxFrameBytes()).isEqualTo(100);
    }

    @Test
    void anInvalidChangeKeepsTheListenerAsItWas() throws Exception {
        UdpTransport transport = start();
        int port = transport.localAddress().getPort();
        UdpClient client = welcomed(transport);
        assertThatThrownBy(() -> transport.modified(TestConfig.loopback("port", port + 1, "maxPeers", 0)))
                .hasMessageContaining("maxPeers must be at least 1");
        byte[] set = Frames.set("/still", 1);
        client.send(set);
        assertThat(client.receive()).isEqualTo(set);
        assertThat(transport.localAddress().getPort()).isEqualTo(port);
    }

    private static int freePort() throws Exception {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<String> liveTransportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(UdpTransport.THREAD_PREFIX))
                .toList();
    }
}
