package clasp.bridge.artnet.internal;

import static clasp.bridge.artnet.internal.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.IntValue;
import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.api.router.ParamState;
import clasp.test.peers.Olad;
import clasp.test.peers.router.Observer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bridge against a real OLA (olad 0.10.9, Art-Net plugin on 127.0.0.1:6454). OLA's input port takes Art-Net
 * universe 1 into its universe 1; its output port sends its universe 3 as Art-Net universe 3, but only to nodes that
 * announced universe 3 in an ArtPollReply. The bridge binds 127.0.0.2:6454 (SO_REUSEADDR, beside OLA's 0.0.0.0:6454,
 * so that datagrams for 127.0.0.1 still reach OLA) and unicasts to 127.0.0.1:6454; in node mode it announces itself
 * to OLA. What OLA received is read through its HTTP API (get_dmx, and the frame counters of /debug).
 */
class OlaTest {
    private static final String BIND = "127.0.0.2";
    private static final InetSocketAddress BRIDGE = new InetSocketAddress(BIND, ArtNet.PORT);
    private static Olad olad;

    private final Harness harness = new Harness();

    @BeforeAll
    static void startOla() {
        olad = Olad.builder().artnet(true).port("2-1-I-0 = 1").port("2-1-O-0 = 3").start();
        olad.awaitUniverse(1);
        olad.awaitUniverse(3);
    }

    @AfterAll
    static void stopOla() {
        if (olad != null) olad.close();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    /** A bridge on 127.0.0.2:6454 sending to OLA, with these settings besides. */
    private ArtNetBridge bridge(String id, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("bindAddress", BIND, "port", Integer.toString(ArtNet.PORT),
                "nodes", "127.0.0.1:6454", "discoverNodes", "false", "pollIntervalSeconds", "1"));
        all.putAll(settings);
        return harness.bridge(id, all);
    }

    @Test
    void setsArriveInOlaWithTheSlotValueMappingAndAScaledInstanceTakesOverWithTheCurrentLook() throws Exception {
        bridge("ola-out", Map.of());
        LocalSession desk = harness.session();
        desk.set("/artnet/1/1", Value.of(0.5));     // Float: normalised, 127.5 rounds to 128
        desk.set("/artnet/1/2", Value.of(300L));    // Int: clamped to 255
        desk.set("/artnet/1/3", Value.of(-5L));     // clamped to 0
        desk.set("/artnet/1/4", Value.of(64L));
        desk.set("/artnet/0/0/1/6", Value.of(1.0)); // the net/subnet/universe alias
        await().atMost(WAIT).until(() -> startsWith(olad.dmx(1), 128, 255, 0, 64, 0, 255));

        // a configuration change: the new instance (scale 100, offset 5) sends the current params mapped its way
        harness.remove("ola-out");
        bridge("ola-scaled", Map.of("scale", "100", "offset", "5"));
        desk.set("/artnet/1/5", Value.of(0.5));
        await().atMost(WAIT).until(() -> startsWith(olad.dmx(1), 55, 255, 0, 255, 55, 105));
    }

    @Test
    void withoutChangesOlaKeepsReceivingKeepAlivesAboutEverySecond() {
        bridge("ola-keep", Map.of());
        LocalSession desk = harness.session();
        try {
            desk.set("/artnet/1/10", Value.of(33L));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        await().atMost(WAIT).until(() -> olad.dmx(1)[9] == 33);
        long before = frames(1);
        long start = System.nanoTime();
        await().atMost(WAIT).until(() -> frames(1) >= before + 3);   // nothing changes: each is a keep-alive
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(1_900);   // paced
        assertThat(olad.dmx(1)[9]).isEqualTo(33);
    }

    @Test
    void inNodeModeOlasOutputUniverseArrivesAsSets() throws Exception {
        Observer clasp = harness.observe("/artnet/3/**");
        bridge("ola-node", Map.of("node", "true", "inputUniverses", new String[] {"3"}));
        // OLA sends to the bridge once it has taken its ArtPollReply: until then a set_dmx is not sent to it
        AtomicInteger n = new AtomicInteger();
        await().atMost(WAIT).until(() -> {
            olad.setDmx(3, 10, 20, n.incrementAndGet() % 200 + 1);
            return param("/artnet/3/1") == 10;
        });
        olad.setDmx(3, 10, 20, 250, 0, 7);
        await().atMost(WAIT).until(() -> param("/artnet/3/3") == 250 && param("/artnet/3/5") == 7);
        assertThat(param("/artnet/3/2")).isEqualTo(20);
        assertThat(clasp.setLines()).startsWith("/artnet/3/1=INT:10", "/artnet/3/2=INT:20").endsWith("/artnet/3/5=INT:7");
    }

    @Test
    void olaAndAConsoleMergeHtpThenLtpAndAConsoleThatStopsIsTimedOut() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger olaSlot2 = new AtomicInteger(200);
        AtomicBoolean consoleOn = new AtomicBoolean(true);
        try (RawNode console = new RawNode("127.0.0.5")) {
            // OLA sends only when its universe is written: the test rewrites it, as a console repeats its frames
            Thread ola = repeat(running, () -> olad.setDmx(3, 10, olaSlot2.get()), 200);
            Thread raw = repeat(running, () -> {
                if (consoleOn.get()) console.sendDmx(0, 3, BRIDGE, 100, 50);
            }, 100);
            try {
                bridge("ola-htp", Map.of("node", "true", "inputUniverses", new String[] {"3"}, "sourceTimeoutSeconds", "1"));
                await().atMost(WAIT).until(() -> param("/artnet/3/1") == 100 && param("/artnet/3/2") == 200);
                consoleOn.set(false);
                await().atMost(WAIT).until(() -> param("/artnet/3/1") == 10);   // timed out: OLA's value
                assertThat(param("/artnet/3/2")).isEqualTo(200);

                harness.remove("ola-htp");
                ArtNetBridge ltp = bridge("ola-ltp", Map.of("node", "true", "inputUniverses", new String[] {"3"},
                        "sourceTimeoutSeconds", "1", "merge", "ltp"));
                await().atMost(WAIT).untilAsserted(() ->
                        assertThat(harness.state("ola-ltp").detail()).containsPattern("in universes 3, [1-9]"));
                consoleOn.set(true);   // the console's first frame is its change of every slot
                await().atMost(WAIT).until(() -> param("/artnet/3/1") == 100 && param("/artnet/3/2") == 50);
                olaSlot2.set(150);     // OLA moves slot 2 only: the latest change wins there
                await().atMost(WAIT).until(() -> param("/artnet/3/2") == 150);
                assertThat(param("/artnet/3/1")).isEqualTo(100);
                consoleOn.set(false);
                await().atMost(WAIT).until(() -> param("/artnet/3/1") == 10);
                assertThat(ltp.localAddress().getPort()).isEqualTo(ArtNet.PORT);
            } finally {
                running.set(false);
                ola.join(10_000);
                raw.join(10_000);
            }
        }
    }

    @Test
    void aBurstOf1000SetsIsCoalescedToAtMost44FramesASecondAndItsLastValueArrives() throws Exception {
        bridge("ola-rate", Map.of());
        LocalSession desk = harness.session();
        desk.set("/artnet/1/7", Value.of(1L));
        await().atMost(WAIT).until(() -> olad.dmx(1)[6] == 1);
        long before = frames(1);
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) desk.set("/artnet/1/7", Value.of((long) (i % 256)));
        await().atMost(WAIT).until(() -> olad.dmx(1)[6] == 999 % 256);
        double seconds = (System.nanoTime() - start) / 1e9;
        long frames = frames(1) - before;
        System.out.printf("1000 SETs of one slot in %.0f ms reached OLA as %d ArtDmx frames%n", seconds * 1000, frames);
        assertThat(frames).isLessThanOrEqualTo((long) (44 * seconds) + 2).isLessThan(100);
    }

    @Test
    void removedUnderTrafficItLeavesNoThreadAndNoSocketAndTheRouterGoesOn() throws Exception {
        Observer clasp = harness.observe("/artnet/**");
        bridge("ola-gone", Map.of("node", "true", "inputUniverses", new String[] {"3"}));
        LocalSession desk = harness.session();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger n = new AtomicInteger();
        Thread traffic = repeat(running, () -> {
            olad.setDmx(3, n.get() % 256);
            desk.set("/artnet/1/1", Value.of((long) (n.incrementAndGet() % 256)));
        }, 20);
        try {
            await().atMost(WAIT).until(() -> clasp.sets().stream().anyMatch(s -> s.address().equals("/artnet/3/1")));
            assertThat(udpSocketsOn(BRIDGE)).isEqualTo(1);
            harness.remove("ola-gone");
            await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith(ArtNetBridge.threadPrefix("ola-gone"))));
            assertThat(udpSocketsOn(BRIDGE)).isZero();
            desk.set("/artnet/after", Value.of(1L));
            assertThat(harness.param("/artnet/after")).isNotNull();
        } finally {
            running.set(false);
            traffic.join(10_000);
        }
    }

    private int param(String address) {
        ParamState p = harness.param(address);
        return p == null ? -1 : (int) ((IntValue) p.value()).value();
    }

    private static boolean startsWith(int[] dmx, int... values) {
        return Arrays.equals(Arrays.copyOf(dmx, values.length), values);
    }

    /** The DMX frames OLA has received for its universe, from the counters of its /debug page. */
    private static long frames(int universe) {
        Matcher line = Pattern.compile("universe-dmx-frames: map:universe (.*)").matcher(olad.get("/debug"));
        if (!line.find()) throw new IllegalStateException("no universe-dmx-frames in olad's /debug");
        Matcher count = Pattern.compile("(?:^| )" + universe + ":(\\d+)").matcher(line.group(1));
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }

    /** The UDP sockets of this process's host bound to exactly {@code at} (from /proc/net/udp). */
    private static long udpSocketsOn(InetSocketAddress at) throws IOException {
        byte[] ip = at.getAddress().getAddress();
        String local = String.format("%02X%02X%02X%02X:%04X", ip[3], ip[2], ip[1], ip[0], at.getPort());
        List<String> lines = Files.readAllLines(Path.of("/proc/net/udp"));
        return lines.stream().skip(1).map(String::trim).filter(l -> l.split("\\s+")[1].equals(local)).count();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static Thread repeat(AtomicBoolean running, Step step, long everyMillis) {
        Thread t = new Thread(() -> {
            try {
                while (running.get()) {
                    step.run();
                    Thread.sleep(everyMillis);
                }
            } catch (Exception e) {
                running.set(false);
            }
        }, "ola-test-traffic");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
