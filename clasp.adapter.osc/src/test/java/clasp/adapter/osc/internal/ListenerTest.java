package clasp.adapter.osc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.osc.OscArgument;
import clasp.osc.OscMessage;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The listener as a whole: many peers on its one event loop, its bounds, and a stop that leaves nothing behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListenerTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static boolean adapterThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(OscTransport.THREAD_PREFIX));
    }

    @Test
    void twoHundredPeersUnderTrafficThenAStopLeavesNoThreadNoSocketAndNoSession() throws Exception {
        List<UdpOscPeer> peers = new ArrayList<>();
        int port;
        TestRouter r = new TestRouter("autoSubscribe", true);
        try {
            port = r.port();
            assertThat(r.transport.endpoint()).isEqualTo("osc.udp://127.0.0.1:" + port);
            for (int i = 0; i < 200; i++) {
                UdpOscPeer peer = new UdpOscPeer(port);
                peers.add(peer);
                peer.send(new OscMessage("/peer/" + i, new OscArgument.Int32(i)));
            }
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 200);
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(OscTransport.THREAD_PREFIX)))
                    .hasSizeLessThanOrEqualTo(2);   // one I/O thread and the refusal report's: none per peer
            r.set("/osc/fan/out", Value.of(200));
            for (UdpOscPeer peer : peers) {
                OscMessage m;
                do {
                    m = peer.receive(30_000);
                } while (m != null && !m.address().equals("/fan/out"));
                assertThat(m).isEqualTo(new OscMessage("/fan/out", new OscArgument.Int32(200)));
            }
            for (UdpOscPeer peer : peers) peer.send(new OscMessage("/under/traffic", new OscArgument.Int32(1)));
        } finally {
            r.transport.close();
        }
        assertThat(r.oscSessions()).isEmpty();
        assertThat(r.transport.endpoint()).isEmpty();
        await().atMost(PATIENCE).until(() -> !adapterThreadsAlive());
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);   // the socket is closed
        }
        r.router.deactivate();
        peers.forEach(UdpOscPeer::close);
    }

    @Test
    void theSocketsReceiveBufferIsTheConfiguredOneWithinWhatTheKernelAllows() throws Exception {
        int kernelMax = Integer.parseInt(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/core/rmem_max")).trim());
        try (TestRouter r = new TestRouter("receiveBufferBytes", 512 * 1024)) {
            assertThat(r.transport.receiveBufferSize()).isGreaterThanOrEqualTo(Math.min(512 * 1024, kernelMax));
        }
    }

    @Test
    void aDatagramAboveMaxDatagramBytesIsCountedAndDropped() throws Exception {
        try (TestRouter r = new TestRouter("maxDatagramBytes", 64); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            peer.send(new OscMessage("/big", new OscArgument.Text("x".repeat(100))));
            await().atMost(PATIENCE).until(() -> r.transport.refused(OscRefusal.TOO_BIG) == 1);
            peer.send(new OscMessage("/small", new OscArgument.Int32(1)));
            await().atMost(PATIENCE).until(() -> r.value("/osc/small") != null);
            assertThat(r.value("/osc/big")).isNull();
        }
    }

    @Test
    void aValueTooLargeForOneDatagramIsNotSentAndCounted() throws Exception {
        try (TestRouter r = new TestRouter("maxDatagramBytes", 64); UdpOscPeer peer = new UdpOscPeer(r.port())) {
            peer.send(new OscMessage("/clasp/subscribe", new OscArgument.Text("/**")));
            await().atMost(PATIENCE).until(() -> r.oscSessions().size() == 1 && r.oscSessions().get(0).subscriptions() == 1);
            r.set("/osc/long", Value.of("y".repeat(100)));
            r.set("/osc/short", Value.of("y"));
            assertThat(peer.receive(30_000)).isEqualTo(new OscMessage("/short", new OscArgument.Text("y")));
            assertThat(r.transport.refused(OscRefusal.OUTBOUND_TOO_BIG)).isEqualTo(1);
        }
    }
}
