package clasp.discovery.internal;

import static clasp.discovery.internal.Fixtures.listener;
import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Feature;
import clasp.api.QoS;
import clasp.api.message.AnnounceMessage;
import clasp.api.message.Frame;
import clasp.api.message.HelloMessage;
import clasp.api.message.PingMessage;
import clasp.api.message.SignalDefinition;
import clasp.api.message.WelcomeMessage;
import clasp.api.router.TransportInfo;
import clasp.client.ClaspClient;
import clasp.client.DiscoveredRouter;
import clasp.client.DiscoveryOptions;
import clasp.protocol.ClaspCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broadcast responder (D.3) against the Java client's discover() and against raw datagrams. */
class BroadcastDiscoveryTest {
    private static final ClaspCodec CODEC = ClaspCodec.defaults();
    private static final List<TransportInfo> LISTENERS = List.of(
            listener("ws", "websocket", "ws://0.0.0.0:7330/"),
            listener("tcp", "tcp", "tcp://127.0.0.1:7340"),
            listener("serial", "serial", "serial:/dev/ttyUSB0 115200 8N1"),
            listener("mqtt", "mqtt", "mqtt://0.0.0.0:1883"));

    @TempDir Path data;

    @Test void discoverFindsTheResponderOnLoopbackOnceWithItsStableIdAndEndpoints() throws Exception {
        int port = Fixtures.freeUdpPort();
        Discovery discovery = new Discovery(Fixtures.settings(false, true, port), () -> LISTENERS, () -> "ignored",
                List::of, data.resolve("id"), System::nanoTime);
        discovery.start();
        try {
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> discovery.broadcastPort() == port);
            List<DiscoveredRouter> found = ClaspClient.discover(DiscoveryOptions.defaults().withMdns(false)
                    .withBroadcastPort(port).withTimeout(Duration.ofSeconds(2))
                    .withExtraTargets(List.of(new InetSocketAddress("127.0.0.1", port))));

            assertThat(found).hasSize(1);
            DiscoveredRouter r = found.get(0);
            assertThat(r.id()).isEqualTo("router-1");
            assertThat(r.name()).isEqualTo("Stage A");
            assertThat(r.via()).containsExactly("broadcast");
            assertThat(r.features()).containsExactlyInAnyOrder(Feature.PARAM, Feature.EVENT, Feature.STREAM,
                    Feature.GESTURE, Feature.TIMELINE);
            assertThat(r.endpoints()).contains(URI.create("ws://127.0.0.1:7330/"), URI.create("tcp://127.0.0.1:7340/"))
                    .allMatch(u -> u.getPort() == 7330 || u.toString().equals("tcp://127.0.0.1:7340/"));
            // three HELLOs to every target: every reply after the first two from one address is rate-limited
            assertThat(discovery.responder().replies.get()).isGreaterThanOrEqualTo(2);
        } finally {
            discovery.stop();
        }
    }

    @Test void malformedDatagramsAreCountedAndDroppedAndTheNextHelloIsStillAnswered() throws Exception {
        AtomicLong clock = new AtomicLong();
        BroadcastResponder responder = BroadcastResponder.start("127.0.0.1", 0, 2, 16, clock::get,
                () -> new BroadcastResponder.Identity("router-1", "Stage A", Listeners.endpoints(LISTENERS, Set.of("websocket", "tcp"))));
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", responder.port());
            byte[] hello = CODEC.encode(Frame.of(new HelloMessage(1, Set.of(), "Discovery", null), QoS.FIRE));
            List<byte[]> bad = List.of(new byte[0], new byte[] {0x53}, new byte[] {0x00, 0, 0, 1, 1},
                    java.util.Arrays.copyOf(hello, hello.length - 1), java.util.Arrays.copyOf(hello, hello.length + 1));
            for (byte[] b : bad) peer.send(new DatagramPacket(b, b.length, to));
            byte[] ping = CODEC.encode(Frame.of(PingMessage.INSTANCE));
            peer.send(new DatagramPacket(ping, ping.length, to));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> responder.received.get() == 6);
            assertThat(responder.malformed.get()).isEqualTo(5);
            assertThat(responder.ignored.get()).isEqualTo(1);
            assertThat(responder.replies.get()).isZero();

            peer.send(new DatagramPacket(hello, hello.length, to));
            List<Frame> reply = receive(peer, 2);
            WelcomeMessage w = (WelcomeMessage) reply.get(0).message();
            assertThat(w.session()).isEqualTo("router-1");
            assertThat(w.name()).isEqualTo("Stage A");
            assertThat(w.version()).isEqualTo(1);
            assertThat(w.token()).isNull();
            AnnounceMessage a = (AnnounceMessage) reply.get(1).message();
            assertThat(a.namespace()).isEqualTo("router-1");
            assertThat(a.signals()).extracting(SignalDefinition::address, SignalDefinition::datatype, s -> s.meta().description())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ws:7330", "websocket", "/"),
                            org.assertj.core.groups.Tuple.tuple("tcp://127.0.0.1:7340/", "tcp", "/"));
        } finally {
            responder.stop();
        }
    }

    @Test void repliesToOneSourceAreRateLimited() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000_000L);
        BroadcastResponder responder = BroadcastResponder.start("127.0.0.1", 0, 2, 16, clock::get,
                () -> new BroadcastResponder.Identity("router-1", "Stage A", List.of()));
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress to = new InetSocketAddress("127.0.0.1", responder.port());
            byte[] hello = CODEC.encode(Frame.of(new HelloMessage(1, Set.of(), "Discovery", null), QoS.FIRE));
            for (int i = 0; i < 5; i++) peer.send(new DatagramPacket(hello, hello.length, to));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> responder.received.get() == 5);
            assertThat(responder.replies.get()).isEqualTo(2);
            assertThat(responder.rateLimited.get()).isEqualTo(3);
            assertThat(receive(peer, 4)).extracting(f -> f.message().getClass().getSimpleName())
                    .containsExactly("WelcomeMessage", "AnnounceMessage", "WelcomeMessage", "AnnounceMessage");

            clock.addAndGet(500_000_000L); // half a second: one more reply
            for (int i = 0; i < 2; i++) peer.send(new DatagramPacket(hello, hello.length, to));
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> responder.received.get() == 7);
            assertThat(responder.replies.get()).isEqualTo(3);
            assertThat(responder.rateLimited.get()).isEqualTo(4);
        } finally {
            responder.stop();
        }
    }

    @Test void stoppingLeavesNoThreadAndFreesThePort() throws Exception {
        Set<String> before = Fixtures.discoveryThreads();
        int port = Fixtures.freeUdpPort();
        Discovery discovery = new Discovery(Fixtures.settings(false, true, port), () -> LISTENERS, () -> "ignored",
                List::of, data.resolve("id"), System::nanoTime);
        discovery.start();
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> discovery.broadcastPort() == port);
        assertThat(Fixtures.discoveryThreads()).contains("clasp-discovery", "clasp-discovery-broadcast-" + port);
        discovery.stop();

        Set<String> left = new java.util.HashSet<>(Fixtures.discoveryThreads());
        left.removeAll(before);
        assertThat(left).as("threads left after stop").isEmpty();
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("0.0.0.0", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test void theRouterIdIsKeptAcrossRestarts() throws Exception {
        Path file = data.resolve("discovery").resolve("router-id");
        String first = RouterIdentity.load(file);
        assertThat(first).matches("[0-9a-f-]{36}");
        assertThat(RouterIdentity.load(file)).isEqualTo(first);
    }

    private static List<Frame> receive(DatagramSocket peer, int n) throws Exception {
        List<Frame> out = new ArrayList<>();
        peer.setSoTimeout(30_000);
        byte[] buf = new byte[65_535];
        while (out.size() < n) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            peer.receive(p);
            out.add(CODEC.decode(java.util.Arrays.copyOf(p.getData(), p.getLength())));
        }
        return out;
    }
}
