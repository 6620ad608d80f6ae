package clasp.transport.quic.internal;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.protocol.ClaspCodec;
import clasp.protocol.transport.Connection;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import java.io.ByteArrayOutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class QuicTransportTest {
    @TempDir
    static Path folder;
    static TestCertificates.Issued ca;
    static TestCertificates.Issued server;
    static TestCertificates.Issued desk;
    static TestCertificates.Issued stranger;
    static Path serverPem;
    static Path serverKeyPem;
    static Path caPem;

    private final RecordingAcceptor router = new RecordingAcceptor();
    private final List<QuicTransport> running = new ArrayList<>();
    private final List<QuicTestClient> clients = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        ca = TestCertificates.authority("CN=Test CA,O=Venue");
        server = TestCertificates.issue(ca, "CN=localhost");
        desk = TestCertificates.issue(ca, "CN=desk-1,O=Venue");
        stranger = TestCertificates.authority("CN=Stranger");
        serverPem = TestCertificates.pem(folder.resolve("server.pem"), server.certificate(), ca.certificate());
        serverKeyPem = TestCertificates.pem(folder.resolve("server.key"), server.privateKey());
        caPem = TestCertificates.pem(folder.resolve("ca.pem"), ca.certificate());
    }

    @AfterEach
    void stopAll() {
        clients.forEach(QuicTestClient::close);
        running.forEach(QuicTransport::deactivate);
    }

    /** A listener with the test CA's server certificate, {@code config} over the defaults, opened. */
    private QuicTransport start(Object... config) throws Exception {
        List<Object> values = new ArrayList<>(List.of("tlsCertificate", serverPem.toString(), "tlsPrivateKey", serverKeyPem.toString()));
        values.addAll(List.of(config));
        QuicTransport transport = new QuicTransport(TestConfig.loopback(values.toArray()),
                Map.of("service.pid", "clasp.transport.quic~test"), folder.resolve("data"));
        running.add(transport);
        transport.open(router);
        return transport;
    }

    /** A client trusting the test CA. */
    private QuicTestClient client() throws Exception {
        return client(QuicTestClient.context(ca.certificate(), null, null));
    }

    private QuicTestClient client(io.netty.handler.codec.quic.QuicSslContext ssl) throws Exception {
        return client(ssl, Duration.ofSeconds(60));
    }

    private QuicTestClient client(io.netty.handler.codec.quic.QuicSslContext ssl, Duration maxIdle) throws Exception {
        QuicTestClient client = new QuicTestClient(ssl, maxIdle);
        clients.add(client);
        return client;
    }

    private static InetSocketAddress address(QuicTransport transport) {
        return new InetSocketAddress("127.0.0.1", transport.localAddress().getPort());
    }

    private static byte[] hello(String name) throws Exception {
        return ClaspCodec.defaults().encode(Frame.of(new HelloMessage(1, Set.of(), name, null)));
    }

    /** A CLASP-shaped frame of {@code payload} bytes (the transport does not decode payloads), numbered by its first bytes. */
    private static byte[] frame(int number, int payload) {
        byte[] f = new byte[4 + payload];
        f[0] = 0x53;
        f[1] = 0x01;
        f[2] = (byte) (payload >>> 8);
        f[3] = (byte) payload;
        for (int i = 4; i < f.length; i++) f[i] = (byte) (number + i);
        return f;
    }

    @Test
    void theEndpointNamesTheBoundUdpPort() throws Exception {
        QuicTransport transport = start();
        assertThat(transport.endpoint()).isEqualTo("quic://127.0.0.1:" + transport.localAddress().getPort());
        transport.close();
        assertThat(transport.endpoint()).isEmpty();
    }

    @Test
    void aHelloTravelsBothWaysByteExactOnOneStream() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Connected connected = client().connect(address(transport));
        QuicTestClient.Stream stream = connected.open();
        byte[] hello = hello("quic-test");
        assertThat(HexFormat.of().formatHex(hello, 0, 2)).isEqualTo("5301");

        stream.write(hello);

        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1 && router.peers.get(0).frames.size() == 1);
        assertThat(router.peers.get(0).frames.get(0)).isEqualTo(hello);
        await().atMost(20, SECONDS).until(() -> stream.received().length == hello.length);
        assertThat(stream.received()).isEqualTo(hello);

        Connection session = router.peers.get(0).connection;
        assertThat(session.transport()).isEqualTo("quic");
        assertThat(session.remoteAddress()).isEqualTo("127.0.0.1:" + ((InetSocketAddress) connected.quic().localSocketAddress()).getPort());
        assertThat(session.peerIdentity()).isNull();
        assertThat(session.maxFrameBytes()).isEqualTo(65_547);
    }

    @Test
    void framesSplitAcrossWritesAndCoalescedInOneWriteArriveWhole() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Stream stream = client().connect(address(transport)).open();
        byte[] first = frame(1, 300);
        byte[] second = frame(2, 5);
        byte[] third = frame(3, 1000);
        // the first frame in three writes: part of its header, the rest of the header and some payload, the rest
        stream.write(java.util.Arrays.copyOfRange(first, 0, 2));
        stream.write(java.util.Arrays.copyOfRange(first, 2, 100));
        stream.write(java.util.Arrays.copyOfRange(first, 100, first.length));
        // the next two, and the start of a fourth, in one write
        byte[] fourth = frame(4, 20);
        ByteArrayOutputStream coalesced = new ByteArrayOutputStream();
        coalesced.writeBytes(second);
        coalesced.writeBytes(third);
        coalesced.writeBytes(java.util.Arrays.copyOfRange(fourth, 0, 10));
        stream.write(coalesced.toByteArray());
        stream.write(java.util.Arrays.copyOfRange(fourth, 10, fourth.length));

        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1 && router.peers.get(0).frames.size() == 4);
        assertThat(router.peers.get(0).frames).containsExactly(first, second, third, fourth);
    }

    @Test
    void aFrameAboveTheLimitEndsOnlyItsOwnSession() throws Exception {
        QuicTransport transport = start("maxFrameBytes", 100);
        QuicTestClient.Connected connected = client().connect(address(transport));
        QuicTestClient.Stream bad = connected.open();
        bad.write(frame(0, 1)); // opens the session
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1);
        QuicTestClient.Stream good = connected.open();
        good.write(frame(1, 96)); // exactly 100 bytes: accepted
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 2 && router.peers.get(1).frames.size() == 1);

        bad.write(frame(2, 97)); // 101 bytes

        await().atMost(20, SECONDS).until(bad::isClosed);
        assertThat(bad.isFinishedByServer()).isTrue();
        await().atMost(20, SECONDS).until(() -> router.peers.get(0).closedCalls.get() == 1);
        assertThat(router.peers.get(0).frames).hasSize(1);
        assertThat(transport.listener().refusals(QuicRefusal.TOO_BIG)).isEqualTo(1);
        good.write(frame(3, 50));
        await().atMost(20, SECONDS).until(() -> router.peers.get(1).frames.size() == 2);
        assertThat(router.peers.get(1).closedCalls).hasValue(0);
        assertThat(connected.quic().isActive()).isTrue();
    }

    @Test
    void bytesThatAreNotAFrameEndTheSession() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Stream stream = client().connect(address(transport)).open();
        stream.write(frame(1, 10));
        stream.write(new byte[] {0x47, 0x45, 0x54, 0x20, 0x2F}); // "GET /"
        await().atMost(20, SECONDS).until(stream::isClosed);
        assertThat(stream.isFinishedByServer()).isTrue();
        await().atMost(20, SECONDS).until(() -> router.peers.get(0).closedCalls.get() == 1);
        assertThat(router.peers.get(0).frames).containsExactly(frame(1, 10));
        assertThat(transport.listener().refusals(QuicRefusal.BAD_FRAME)).isEqualTo(1);
        assertThat(router.peers.get(0).violations).isEmpty();
    }

    @Test
    void aClientThatFinishesItsStreamEndsItsSessionAfterItsFramesAndTheirReplies() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Connected connected = client().connect(address(transport));
        QuicTestClient.Stream stream = connected.open();
        stream.write(frame(1, 10));
        stream.write(frame(2, 20));
        stream.channel.shutdownOutput().syncUninterruptibly(); // FIN: nothing more from this client

        await().atMost(20, SECONDS).until(stream::isClosed);
        assertThat(stream.isFinishedByServer()).isTrue();
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(frame(1, 10));
        both.writeBytes(frame(2, 20));
        assertThat(stream.received()).isEqualTo(both.toByteArray()); // the echoes came before the server's FIN
        await().atMost(20, SECONDS).until(() -> router.peers.get(0).closedCalls.get() == 1);
        assertThat(router.peers.get(0).frames).containsExactly(frame(1, 10), frame(2, 20));
        assertThat(connected.quic().isActive()).isTrue();
    }

    @Test
    void aClientThatStopsReadingMakesItsSessionUnwritableUntilItReadsAgainAndNothingIsLost() throws Exception {
        QuicTransport transport = start("writeBufferHighWaterMark", 256 * 1024, "writeBufferLowWaterMark", 128 * 1024);
        QuicTestClient.Stream stream = client().connect(address(transport)).open();
        stream.write(frame(0, 4));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1 && stream.received().length == 8);
        stream.channel.config().setAutoRead(false);
        Connection session = router.peers.get(0).connection;
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(frame(0, 4));

        for (int n = 1; n <= 100; n++) { // 6 MB: more than the client's 4 MiB stream window and the high watermark
            byte[] f = frame(n, 60_000);
            expected.writeBytes(f);
            session.send(io.netty.buffer.Unpooled.wrappedBuffer(f));
        }
        await().atMost(20, SECONDS).until(() -> !session.isWritable());
        int writableBefore = router.peers.get(0).writableCalls.get();
        assertThat(session.queuedBytes()).isGreaterThan(256 * 1024);

        stream.channel.config().setAutoRead(true);
        stream.channel.read();

        byte[] all = expected.toByteArray();
        await().atMost(60, SECONDS).until(() -> stream.received().length >= all.length);
        assertThat(stream.received()).isEqualTo(all);
        await().atMost(20, SECONDS).until(() -> router.peers.get(0).writableCalls.get() == writableBefore + 1);
        assertThat(session.isWritable()).isTrue();
        assertThat(session.queuedBytes()).isZero();
    }

    @Test
    void eachBidirectionalStreamIsASessionOfItsOwnUpToMaxStreams() throws Exception {
        QuicTransport transport = start("maxStreams", 3);
        QuicTestClient.Connected connected = client().connect(address(transport));
        // the client learns the server's stream credit from its transport parameters, during or just after the handshake
        await().atMost(20, SECONDS).until(() -> allowed(connected, QuicStreamType.BIDIRECTIONAL) == 3);
        assertThat(allowed(connected, QuicStreamType.UNIDIRECTIONAL)).isZero();
        QuicTestClient.Stream a = connected.open();
        QuicTestClient.Stream b = connected.open();
        a.write(frame(1, 10));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1);
        b.write(frame(2, 20));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 2);

        await().atMost(20, SECONDS).until(() -> a.received().length == 14 && b.received().length == 24);
        assertThat(a.received()).isEqualTo(frame(1, 10));
        assertThat(b.received()).isEqualTo(frame(2, 20));
        assertThat(router.peers.get(0).frames).containsExactly(frame(1, 10));
        assertThat(router.peers.get(1).frames).containsExactly(frame(2, 20));
        assertThat(router.peers.get(0).connection.remoteAddress()).isEqualTo(router.peers.get(1).connection.remoteAddress());
        assertThat(transport.listener().sessionCount()).isEqualTo(2);
        assertThat(transport.listener().connectionCount()).isEqualTo(1);
    }

    /** Streams of {@code type} the server lets the client open now, read on the connection's event loop. */
    private static long allowed(QuicTestClient.Connected connected, QuicStreamType type) throws Exception {
        return connected.quic().eventLoop().submit(() -> connected.quic().peerAllowedStreams(type)).get(10, SECONDS);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a watchdog against a hang, not a bound on speed
    void framesKeepTheirOrderBothWaysOverManyRounds() throws Exception {
        QuicTransport transport = start("maxStreams", 3);
        QuicTestClient client = client();
        for (int round = 0; round < 8; round++) {
            router.peers.clear();
            QuicTestClient.Connected connected = client.connect(address(transport));
            List<QuicTestClient.Stream> streams = new ArrayList<>();
            List<ByteArrayOutputStream> sent = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                streams.add(connected.open());
                sent.add(new ByteArrayOutputStream());
            }
            for (int n = 0; n < 300; n++) {
                for (int s = 0; s < 3; s++) {
                    byte[] f = frame(n * 3 + s, (n * 37 + s * 11) % 700);
                    sent.get(s).writeBytes(f);
                    streams.get(s).channel.write(io.netty.buffer.Unpooled.wrappedBuffer(f));
                }
                if (n % 25 == 0) streams.forEach(st -> st.channel.flush());
            }
            streams.forEach(st -> st.channel.flush());
            for (int s = 0; s < 3; s++) {
                int i = s;
                byte[] expected = sent.get(s).toByteArray();
                await().atMost(60, SECONDS).until(() -> streams.get(i).received().length >= expected.length);
                assertThat(streams.get(i).received()).as("round %d stream %d", round, s).isEqualTo(expected);
            }
            assertThat(router.peers).hasSize(3);
            router.peers.forEach(p -> assertThat(p.frames).hasSize(300));
            connected.close();
        }
    }

    @Test
    void closeEndsSessionsAndConnectionsAndLeavesNoThreadNamedAfterTheTransport() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Connected connected = client().connect(address(transport));
        QuicTestClient.Stream stream = connected.open();
        stream.write(frame(1, 10));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1);
        assertThat(threadsOfTheTransport()).isNotEmpty();

        transport.close();

        assertThat(router.peers.get(0).closedCalls).hasValue(1);
        await().atMost(20, SECONDS).until(stream::isClosed);
        await().atMost(20, SECONDS).until(() -> !connected.quic().isActive() && connected.closeEvent().get() != null);
        assertThat(connected.closeEvent().get().isApplicationClose()).isTrue();
        assertThat(connected.closeEvent().get().error()).isEqualTo(QuicConnections.GOING_AWAY);
        assertThat(threadsOfTheTransport()).isEmpty();
    }

    private static List<String> threadsOfTheTransport() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(QuicTransport.THREAD_PREFIX)).toList();
    }

    @Test
    void aClientVerifyingTheCertificateAgainstAnotherAuthorityFailsItsHandshake() throws Exception {
        QuicTransport transport = start();
        QuicTestClient doubting = client(QuicTestClient.context(stranger.certificate(), null, null));

        assertThatThrownBy(() -> doubting.connect(address(transport))).isInstanceOf(Exception.class);

        await().atMost(20, SECONDS).until(() -> transport.listener().refusals(QuicRefusal.NO_HANDSHAKE) == 1);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void withoutKeyMaterialTheDevelopmentCertificateServes() throws Exception {
        QuicTransport transport = new QuicTransport(TestConfig.loopback(), Map.of("service.pid", "clasp.transport.quic~dev"),
                folder.resolve("dev-data"));
        running.add(transport);
        transport.open(router);
        QuicTestClient trusting = client(QuicSslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE)
                .applicationProtocols("clasp").build());
        QuicTestClient.Stream stream = trusting.connect(address(transport)).open();
        stream.write(frame(1, 3));
        await().atMost(20, SECONDS).until(() -> stream.received().length == 7);
        assertThat(folder.resolve("dev-data").resolve("tls").resolve("dev-certificate.p12")).isRegularFile();

        QuicTestClient doubting = client();
        assertThatThrownBy(() -> doubting.connect(address(transport))).isInstanceOf(Exception.class);
        assertThat(router.peers).hasSize(1);
    }

    @Test
    void theReferenceAlpnIsAcceptedAndAnUnknownOneRefused() throws Exception {
        QuicTransport transport = start();
        QuicTestClient.Stream stream = client(QuicTestClient.context(ca.certificate(), null, null, "clasp/2"))
                .connect(address(transport)).open();
        stream.write(frame(1, 3));
        await().atMost(20, SECONDS).until(() -> stream.received().length == 7);

        // The listener drops the handshake of a client offering only "h3" (counted as a connection without one);
        // the client, told nothing, gives up at its idle timeout, a few seconds rather than the connect's 20.
        QuicTestClient other = client(QuicTestClient.context(ca.certificate(), null, null, "h3"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> other.connect(address(transport))).isInstanceOf(Exception.class);
        await().atMost(20, SECONDS).until(() -> transport.listener().refusals(QuicRefusal.NO_HANDSHAKE) >= 1);
        assertThat(router.peers).hasSize(1);
    }

    @Test
    void changedCertificateFilesReachNewConnectionsWhileTheOpenOneStays() throws Exception {
        Path certificate = folder.resolve("reload.pem");
        Path key = folder.resolve("reload.key");
        TestCertificates.Issued first = TestCertificates.issue(ca, "CN=first");
        TestCertificates.pem(certificate, first.certificate(), ca.certificate());
        TestCertificates.pem(key, first.privateKey());
        TestCertificates.Issued second = TestCertificates.issue(ca, "CN=second");
        QuicTransport transport = start("tlsCertificate", certificate.toString(), "tlsPrivateKey", key.toString());
        int port = address(transport).getPort();
        QuicTestClient.Connected before = client().connect(address(transport));
        assertThat(serverSubject(before)).isEqualTo("CN=first");

        // the key first, then its certificate: a look between the two keeps the first pair
        TestCertificates.pem(key, second.privateKey());
        TestCertificates.pem(certificate, second.certificate(), ca.certificate());
        java.nio.file.attribute.FileTime later = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1000);
        java.nio.file.Files.setLastModifiedTime(key, later);
        java.nio.file.Files.setLastModifiedTime(certificate, later);

        await().atMost(60, SECONDS).until(() -> serverSubject(client().connect(address(transport))).equals("CN=second"));
        assertThat(address(transport).getPort()).isEqualTo(port);
        QuicTestClient.Stream stream = before.open();
        stream.write(frame(1, 3));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1);
        assertThat(before.quic().isActive()).isTrue();
    }

    private static String serverSubject(QuicTestClient.Connected connected) throws Exception {
        return ((java.security.cert.X509Certificate) connected.quic().sslEngine().getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName();
    }

    @Test
    void withClientAuthTheSessionsPeerIdentityIsTheCertificateSubject() throws Exception {
        QuicTransport transport = start("tlsClientAuth", "require", "tlsTrustedCertificates", caPem.toString());
        QuicTestClient.Stream stream = client(QuicTestClient.context(ca.certificate(), desk.privateKey(), desk.certificate()))
                .connect(address(transport)).open();
        stream.write(frame(1, 3));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 1);
        assertThat(router.peers.get(0).connection.peerIdentity()).isEqualTo("CN=desk-1,O=Venue");
    }

    @Test
    void optionalClientAuthAcceptsAClientWithoutACertificateWithNoIdentity() throws Exception {
        QuicTransport transport = start("tlsClientAuth", "optional", "tlsTrustedCertificates", caPem.toString());
        QuicTestClient.Stream anonymous = client().connect(address(transport)).open();
        anonymous.write(frame(1, 3));
        QuicTestClient.Stream known = client(QuicTestClient.context(ca.certificate(), desk.privateKey(), desk.certificate()))
                .connect(address(transport)).open();
        known.write(frame(2, 3));
        await().atMost(20, SECONDS).until(() -> anonymous.received().length == 7 && known.received().length == 7);
        assertThat(router.peers).extracting(p -> p.connection.peerIdentity()).containsExactlyInAnyOrder(null, "CN=desk-1,O=Venue");
    }

    @Test
    void anIdleConnectionEndsWithItsSessionsAfterTheIdleTimeout() throws Exception {
        QuicTransport transport = start("idleTimeoutSeconds", 1);
        QuicTestClient.Connected connected = client().connect(address(transport));
        QuicTestClient.Stream first = connected.open();
        QuicTestClient.Stream second = connected.open();
        first.write(frame(1, 3));
        second.write(frame(2, 3));
        await().atMost(20, SECONDS).until(() -> router.peers.size() == 2);

        await().atMost(30, SECONDS).until(() -> !connected.quic().isActive());
        await().atMost(20, SECONDS).until(() -> router.peers.stream().allMatch(p -> p.closedCalls.get() == 1));
        assertThat(transport.listener().connectionCount()).isZero();
        assertThat(transport.listener().sessionCount()).isZero();
    }

    @Test
    void requiredClientAuthRefusesAClientWithoutACertificate() throws Exception {
        QuicTransport transport = start("tlsClientAuth", "require", "tlsTrustedCertificates", caPem.toString());
        QuicTestClient anonymous = client();
        try {
            QuicTestClient.Connected connected = anonymous.connect(address(transport));
            // TLS 1.3: the client may finish its side of the handshake before the server refuses its (missing) certificate
            await().atMost(20, SECONDS).until(() -> !connected.quic().isActive());
        } catch (Exception refused) {
            // refused during the handshake: as good
        }
        await().atMost(20, SECONDS).until(() -> transport.listener().refusals(QuicRefusal.NO_HANDSHAKE) == 1);
        assertThat(router.peers).isEmpty();
    }

    @Test
    void aChangedPortRebindsThisInstanceOnlyAndUnchangedSettingsChangeNothing() throws Exception {
        QuicTransport moved = start();
        QuicTransport other = start();
        QuicTestClient.Stream onMoved = client().connect(address(moved)).open();
        QuicTestClient.Stream onOther = client().connect(address(other)).open();
        onMoved.write(frame(1, 3));
        onOther.write(frame(2, 3));
        await().atMost(20, SECONDS).until(() -> onMoved.received().length == 7 && onOther.received().length == 7);
        int oldPort = moved.localAddress().getPort();

        moved.modified(TestConfig.loopback("tlsCertificate", serverPem.toString(), "tlsPrivateKey", serverKeyPem.toString()));
        assertThat(moved.localAddress().getPort()).isEqualTo(oldPort);
        assertThat(onMoved.isClosed()).isFalse();

        int newPort = freeUdpPort();
        moved.modified(TestConfig.loopback("port", newPort, "tlsCertificate", serverPem.toString(),
                "tlsPrivateKey", serverKeyPem.toString()));

        assertThat(moved.endpoint()).isEqualTo("quic://127.0.0.1:" + newPort);
        await().atMost(20, SECONDS).until(onMoved::isClosed);
        QuicTestClient.Stream again = client().connect(new InetSocketAddress("127.0.0.1", newPort)).open();
        again.write(frame(3, 3));
        await().atMost(20, SECONDS).until(() -> again.received().length == 7);
        onOther.write(frame(4, 3));
        await().atMost(20, SECONDS).until(() -> onOther.received().length == 14);
        assertThat(onOther.isClosed()).isFalse();
    }

    @Test
    void aChangeThatCannotStartIsNotAppliedAndThePreviousListenerServesAgain() throws Exception {
        int oldPort = freeUdpPort();
        QuicTransport moving = start("port", oldPort);
        QuicTransport holder = start();
        int taken = holder.localAddress().getPort();

        moving.modified(TestConfig.loopback("port", taken, "epoll", false, "tlsCertificate", serverPem.toString(),
                "tlsPrivateKey", serverKeyPem.toString()));

        assertThat(moving.endpoint()).isEqualTo("quic://127.0.0.1:" + oldPort);
        QuicTestClient.Stream stream = client().connect(new InetSocketAddress("127.0.0.1", oldPort)).open();
        stream.write(frame(1, 3));
        await().atMost(20, SECONDS).until(() -> stream.received().length == 7);
        assertThat(holder.localAddress().getPort()).isEqualTo(taken);
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        }
    }

    @Test
    void aPortInUseFailsOpenNamingTheAddressAndLeavesNoThread() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> start("port", taken.getLocalPort(), "epoll", false))
                    .hasMessageContaining("cannot listen on UDP 127.0.0.1:" + taken.getLocalPort());
        }
        assertThat(threadsOfTheTransport()).isEmpty();
    }

    @Test
    void anInvalidConfigurationFailsActivationNamingTheProblem() {
        assertThatThrownBy(() -> new QuicTransport(TestConfig.loopback("tlsClientAuth", "require"),
                Map.of("service.pid", "clasp.transport.quic~bad"), folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clasp.transport.quic: invalid configuration: tlsClientAuth require needs tlsTrustedCertificates "
                        + "(the CA certificates client certificates must chain to)");
        assertThatThrownBy(() -> new QuicTransport(TestConfig.loopback("maxStreams", 0),
                Map.of("service.pid", "clasp.transport.quic~bad"), folder))
                .hasMessage("clasp.transport.quic: invalid configuration: maxStreams must be at least 1, is 0");
    }

    @Test
    void severalIoThreadsShareThePortAndServeEveryClient() throws Exception {
        QuicTransport transport = start("ioThreads", 2);
        List<QuicTestClient.Stream> streams = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            QuicTestClient.Stream stream = client().connect(address(transport)).open();
            stream.write(frame(i, 8));
            streams.add(stream);
        }
        for (int i = 0; i < 6; i++) {
            int n = i;
            await().atMost(20, SECONDS).until(() -> streams.get(n).received().length == 12);
            assertThat(streams.get(n).received()).isEqualTo(frame(n, 8));
        }
        assertThat(transport.listener().connectionCount()).isEqualTo(6);
        assertThat(transport.listener().threads()).isEqualTo(2);
        assertThat(threadsOfTheTransport()).filteredOn(n -> n.contains("-io-")).hasSize(2);
    }

    @Test
    void withNioSeveralIoThreadsAreOneSocketAndOneThread() throws Exception {
        QuicTransport transport = start("ioThreads", 3, "epoll", false);
        QuicTestClient.Stream stream = client().connect(address(transport)).open();
        stream.write(frame(1, 8));
        await().atMost(20, SECONDS).until(() -> stream.received().length == 12);
        assertThat(transport.listener().threads()).isEqualTo(1);
        assertThat(threadsOfTheTransport()).filteredOn(n -> n.contains("-io-")).hasSize(1);
    }
}
