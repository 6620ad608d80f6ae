package clasp.bridge.sacn.internal;

import static clasp.bridge.sacn.internal.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.test.peers.Olad;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the bridge sends, as a real E1.31 receiver takes it: OLA's olad with E1.31 inputs on universes 11-13, read
 * back over its HTTP API. olad's E1.31 plugin listens on port 5568 of the first non-loopback interface (never
 * loopback), so multicast goes out there; unicast goes to 127.0.0.1 (olad binds every address). Sending-only
 * instances bind a port of their own, so they never take what is meant for olad.
 */
class OlaInputTest {
    private static Olad olad;
    private static String ip;
    private final Harness harness = new Harness();

    @BeforeAll
    static void startOlad() {
        ip = Olad.firstNonLoopbackIpv4().orElseThrow();
        olad = Olad.builder().e131(true).e131Ports(3, 0).port("11-1-I-0 = 11").port("11-1-I-1 = 12").port("11-1-I-2 = 13").start();
        for (int u = 11; u <= 13; u++) olad.awaitUniverse(u);
    }

    @AfterAll
    static void stopOlad() {
        if (olad != null) olad.close();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void valuesReachOlaByUnicastAndByMulticast() throws Exception {
        harness.bridge("uni", Map.of("outputUniverses", "11", "multicast", "false", "unicastDestinations", "127.0.0.1"));
        harness.bridge("multi", Map.of("outputUniverses", "12", "multicastInterface", ip));
        LocalSession writer = harness.session();
        writer.set("/sacn/11/1", Value.of(1L));
        writer.set("/sacn/11/2", Value.of(2L));
        writer.set("/sacn/11/3", Value.of(3L));
        writer.set("/sacn/12/1", Value.of(0.5));
        writer.set("/sacn/12/512", Value.of(255L));
        await().atMost(WAIT).until(() -> olad.dmx(11)[2] == 3);
        assertThat(olad.dmx(11)).startsWith(1, 2, 3, 0);
        await().atMost(WAIT).until(() -> olad.dmx(12)[511] == 255);
        assertThat(olad.dmx(12)[0]).isEqualTo(128);
    }

    /**
     * olad merges its sources by priority: a test source at priority 50 sends 99 all the time, the bridge sends 13
     * at 100. olad shows 13 while it has the bridge's stream and 99 once it drops it (2.5 s without a packet).
     */
    @Test
    void keepAlivesHoldTheStreamThroughThreeSecondsWithoutChangesAndDeletingTheConfigurationEndsIt() throws Exception {
        NetworkInterface nif = NetworkInterface.getByInetAddress(InetAddress.getByName(ip));
        // bound to the group's address: it gets that multicast only, never unicast meant for olad on the same port
        try (RawListener listener = new RawListener(E131.multicastGroup(13), E131.PORT, nif, 13);
             Background low = new Background(new RawSource(UUID.randomUUID(), "low"))) {
            harness.bridge("alive", Map.of("outputUniverses", "13", "multicastInterface", ip));
            UUID cid = E131.cidOf("alive");
            await().atMost(WAIT).until(() -> olad.dmx(13)[0] == 99);   // the low source alone
            harness.session().set("/sacn/13/1", Value.of(13L));
            long changed = System.nanoTime();
            await().atMost(WAIT).until(() -> olad.dmx(13)[0] == 13);
            int first = listener.data(cid, 13).size();

            // no change for 3 s: the bridge's keep-alives hold its stream in olad
            await().atMost(WAIT).until(() -> System.nanoTime() - changed > 3_000_000_000L && listener.data(cid, 13).size() >= first + 2);
            assertThat(olad.dmx(13)[0]).isEqualTo(13);
            List<E131Packet.Data> all = listener.data(cid, 13);
            System.out.printf("%d packets in %d ms after the change, %d of them keep-alives%n", all.size(),
                    (System.nanoTime() - changed) / 1_000_000, all.size() - first);
            assertThat(all).allSatisfy(d -> assertThat(d.slots()[0] & 0xFF).isEqualTo(13));

            harness.remove("alive", SacnBridge.CONFIGURATION_DELETED);
            await().atMost(WAIT).until(() -> listener.data(cid, 13).stream().filter(E131Packet.Data::terminated).count() == 3);
            await().atMost(WAIT).until(() -> olad.dmx(13)[0] == 99);   // olad dropped the bridge's stream
        }
    }

    /** A test source sending 99 on universe 13 at priority 50 to olad every 100 ms, until closed. */
    private static final class Background implements AutoCloseable {
        private final RawSource source;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Background(RawSource source) {
            this.source = source;
            thread = new Thread(() -> {
                while (running.get()) {
                    source.send(new E131Packet.Data(source.cid, source.name, 50, 0, source.nextSequence(), 0, 13, 0,
                            new byte[] {99}), RawSource.loopback(E131.PORT));
                    try {
                        Thread.sleep(100);   // paces the source
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "sacn-test-low-source");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
            source.close();
        }
    }
}
