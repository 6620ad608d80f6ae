package clasp.bridge.sacn.internal;

import static clasp.bridge.sacn.internal.Harness.WAIT;
import static clasp.bridge.sacn.internal.Harness.freeUdpPort;
import static clasp.bridge.sacn.internal.Harness.threadsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.test.peers.router.Observer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge in the real router against E1.31 peers of the test's own on real sockets: multicast on the loopback
 * interface and unicast to 127.0.0.1, each test on a free port.
 */
class SacnBridgeTest {
    private static final UUID A = UUID.fromString("aaaaaaaa-0000-0000-0000-000000000001");
    private static final UUID B = UUID.fromString("bbbbbbbb-0000-0000-0000-000000000002");

    private final Harness harness = new Harness();
    private final int port = freeUdpPort();

    @AfterEach
    void close() {
        harness.close();
    }

    private static Map<String, Object> config(Object... keysAndValues) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("multicastInterface", "lo");
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    private static int slot(E131Packet.Data d, int slot) { return d.slots()[slot - 1] & 0xFF; }

    @Test
    void setsGoOutAsE131DataByMulticastAndUnicastWithTheSourcesNamePriorityAndCid() throws Exception {
        int unicastPort = freeUdpPort();
        try (RawListener multicast = RawListener.onLoopback(port, 1, 2, 3);
             RawListener unicast = new RawListener(InetAddress.getLoopbackAddress(), unicastPort, NetworkInterface.getByName("lo"))) {
            harness.bridge("out", config("outputUniverses", "1-2", "port", port, "sourceName", "desk", "priority", 120,
                    "unicastDestinations", "127.0.0.1:" + unicastPort));
            UUID cid = E131.cidOf("out");
            LocalSession writer = harness.session();
            writer.set("/sacn/1/1", Value.of(255L));
            writer.set("/sacn/1/2", Value.of(0.5));
            writer.set("/sacn/2/512", Value.of(true));
            writer.set("/sacn/3/1", Value.of(7L));    // not an output universe: not sent
            writer.set("/sacn/1/3", Value.of("on"));  // no slot value: dropped, counted

            E131Packet.Data one = multicast.await(cid, 1, d -> slot(d, 1) == 255 && slot(d, 2) == 128);
            assertThat(one.sourceName()).isEqualTo("desk");
            assertThat(one.priority()).isEqualTo(120);
            assertThat(one.options()).isZero();
            assertThat(one.startCode()).isZero();
            assertThat(one.syncUniverse()).isZero();
            assertThat(one.slots()).hasSize(512);
            assertThat(slot(multicast.await(cid, 2, d -> slot(d, 512) == 255), 1)).isZero();
            unicast.await(cid, 1, d -> slot(d, 1) == 255 && slot(d, 2) == 128);
            unicast.await(cid, 2, d -> slot(d, 512) == 255);
            assertThat(multicast.data(cid, 3)).isEmpty();
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("out").detail()).startsWith(
                    "sending universes 1-2 to multicast on lo 127.0.0.1 and 127.0.0.1:" + unicastPort + " as 'desk' " + cid
                            + " at priority 120; out ").contains("dropped 1 (last: not a slot value: /sacn/1/3 = \"on\")"));
        }
    }

    @Test
    void aUniverseChangedAThousandTimesGoesOutAtMost44TimesASecond() throws Exception {
        try (RawListener listener = RawListener.onLoopback(port, 1)) {
            harness.bridge("busy", config("outputUniverses", "1", "port", port));
            UUID cid = E131.cidOf("busy");
            LocalSession writer = harness.session();
            long start = System.nanoTime();
            for (int i = 1; i <= 1000; i++) {
                writer.set("/sacn/1/1", Value.of((long) (i % 256)));
                if (i % 10 == 0) Thread.sleep(20);   // spread over about 2 s
            }
            long end = System.nanoTime();
            listener.await(cid, 1, d -> slot(d, 1) == 1000 % 256);
            long inWindow = listener.heard.stream().filter(h -> h.packet() instanceof E131Packet.Data d && d.cid().equals(cid)
                    && h.atNanos() >= start && h.atNanos() <= start + 2_000_000_000L).count();
            System.out.printf("1000 changes in %d ms: %d packets in the first 2 s%n", (end - start) / 1_000_000, inWindow);
            assertThat(inWindow).isBetween(2L, 2L * 44 + 2);
        }
    }

    @Test
    void twoSourcesMergeByPriorityThenHtpAndALostSourceFallsBackToTheOther() throws Exception {
        Observer clasp = harness.observe("/sacn/**");
        harness.bridge("in", config("inputUniverses", "1", "port", port));
        try (RawSource main = new RawSource(A, "main"); RawSource backup = new RawSource(B, "backup")) {
            main.slots(port, 100, 1, 100, 0, 0);
            backup.slots(port, 100, 1, 50, 70, 0);
            await().atMost(WAIT).until(() -> clasp.values("/sacn/1/2").contains(Value.of(70L)));
            assertThat(harness.param("/sacn/1/1").value()).isEqualTo(Value.of(100L));   // highest of equals
            assertThat(harness.param("/sacn/1/_source").value()).isEqualTo(source("main", A, 100));
            assertThat(harness.param("/sacn/1/_active").value()).isEqualTo(Value.of(true));

            backup.slots(port, 150, 1, 50, 70, 0);   // backup above main: only backup counts
            await().atMost(WAIT).until(() -> Value.of(50L).equals(harness.param("/sacn/1/1").value()));
            assertThat(harness.param("/sacn/1/_source").value()).isEqualTo(source("backup", B, 150));

            // backup goes silent; main goes on: after 2.5 s backup is lost and main's look comes back
            await().atMost(WAIT).until(() -> {
                main.slots(port, 100, 1, 100, 0, 0);
                return Value.of(100L).equals(harness.param("/sacn/1/1").value());
            });
            assertThat(harness.param("/sacn/1/_source").value()).isEqualTo(source("main", A, 100));
            assertThat(clasp.values("/sacn/1/_source")).containsExactly(source("main", A, 100), source("backup", B, 150),
                    source("main", A, 100));
            assertThat(clasp.values("/sacn/1/_active")).containsExactly(Value.of(true));

            // backup comes back below main, counting in slot 3 (hidden by main); main ends its stream: backup's
            // slot 3 shows at once, with the count of the packet backup sent just before main's termination
            for (int k = 1; k <= 5; k++) backup.slots(port, 50, 1, 0, 0, k);
            for (int i = 0; i < 3; i++) main.packet(port, 100, 1, main.nextSequence(), E131.OPTION_TERMINATED, 100, 0, 0);
            int k = 6;
            while (clasp.values("/sacn/1/3").isEmpty() && k < 10_000) {
                backup.slots(port, 50, 1, 0, 0, k++);
                Thread.sleep(5);   // paces the traffic
            }
            await().atMost(WAIT).until(() -> !clasp.values("/sacn/1/3").isEmpty());
            assertThat(clasp.values("/sacn/1/3").get(0)).isEqualTo(Value.of(5L));
            await().atMost(WAIT).until(() -> source("backup", B, 50).equals(harness.param("/sacn/1/_source").value()));

            for (int i = 0; i < 3; i++) backup.packet(port, 50, 1, backup.nextSequence(), E131.OPTION_TERMINATED, 0, 0, 0);
            await().atMost(WAIT).until(() -> Value.of(false).equals(harness.param("/sacn/1/_active").value()));
            assertThat(harness.param("/sacn/1/_source").value()).isEqualTo(Value.ofNull());
            assertThat(harness.param("/sacn/1/1").value()).isEqualTo(Value.of(0L));   // the last look stays
        }
    }

    static Value source(String name, UUID cid, int priority) {
        Map<String, Value> m = new java.util.LinkedHashMap<>();
        m.put("name", Value.of(name));
        m.put("cid", Value.of(cid.toString()));
        m.put("priority", Value.of((long) priority));
        return Value.of(m);
    }

    @Test
    void sequenceNumbersWrapAndAPacketOutOfOrderIsDroppedOverMulticastAndUnicast() {
        Observer clasp = harness.observe("/sacn/**");
        harness.bridge("seq", config("inputUniverses", "1", "port", port, "multicastInterface", "127.0.0.1"));
        try (RawSource a = new RawSource(A, "a")) {
            a.packet(port, 100, 1, 254, 0, 1);
            a.packet(port, 100, 1, 255, 0, 2);
            a.send(new E131Packet.Data(A, "a", 100, 0, 0, 0, 1, 0, new byte[] {3}), RawSource.loopback(port));   // unicast
            a.packet(port, 100, 1, 250, 0, 99);   // 6 behind 0: out of order
            a.packet(port, 100, 1, 1, 0, 4);
            await().atMost(WAIT).until(() -> clasp.values("/sacn/1/1").contains(Value.of(4L)));
            assertThat(clasp.values("/sacn/1/1")).containsExactly(Value.of(1L), Value.of(2L), Value.of(3L), Value.of(4L));
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("seq").detail()).contains(
                    "in 5 packets, 6 written, 1 source, dropped 1 (last: out of order: sequence 250 after 0 from 'a' "
                            + A + " on universe 1)"));
        }
    }

    @Test
    void malformedDatagramsAreCountedWithTheReasonAndTheBridgeKeepsWorking() {
        Observer clasp = harness.observe("/sacn/**");
        harness.bridge("bad", config("inputUniverses", "1", "port", port));
        try (RawSource a = new RawSource(A, "a")) {
            a.send(new byte[] {1, 2, 3}, RawSource.loopback(port));
            byte[] wrongPriority = E131CodecTest.encode(ReceiverTest.packet(A, "a", 100, 1, 0, 0, 1));
            wrongPriority[108] = (byte) 201;
            a.send(wrongPriority, RawSource.loopback(port));
            a.packet(port, 100, 1, 0, 0, 8);
            await().atMost(WAIT).until(() -> clasp.values("/sacn/1/1").contains(Value.of(8L)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("bad").detail())
                    .contains("in 3 packets, 3 written, 1 source, malformed 2 (last: priority 201 is above 200 from 127.0.0.1)"));
            assertThat(harness.state("bad").state()).isEqualTo(PluginState.ONLINE);
        }
    }

    @Test
    void removingTheBridgeUnderTrafficLeavesNoThreadAndThePortCanBeBoundAgain() throws Exception {
        harness.bridge("gone", config("inputUniverses", "1", "outputUniverses", "2", "port", port));
        assertThat(threadsOf("gone")).isNotEmpty();
        LocalSession writer = harness.session();
        try (RawSource a = new RawSource(A, "a")) {
            for (int i = 0; i < 200; i++) {
                a.slots(port, 100, 1, i % 256);
                writer.set("/sacn/2/1", Value.of((long) (i % 256)));
            }
            harness.remove("gone", 6);   // bundle stopped
            for (int i = 0; i < 50; i++) a.slots(port, 100, 1, i);
        }
        await().atMost(WAIT).until(() -> threadsOf("gone").isEmpty());
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(port))) {   // no SO_REUSEADDR: only if ours is closed
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void deletingTheConfigurationEndsEachStreamWithThreeTerminatedPackets() {
        try (RawListener listener = RawListener.onLoopback(port, 1, 2)) {
            harness.bridge("del", config("outputUniverses", "1-2", "port", port));
            UUID cid = E131.cidOf("del");
            LocalSession writer = harness.session();
            set(writer, "/sacn/1/1", 10);
            set(writer, "/sacn/2/1", 20);
            listener.await(cid, 1, d -> slot(d, 1) == 10);
            listener.await(cid, 2, d -> slot(d, 1) == 20);
            harness.remove("del", SacnBridge.CONFIGURATION_DELETED);
            for (int u : new int[] {1, 2}) {
                await().atMost(WAIT).until(() -> listener.data(cid, u).stream().filter(E131Packet.Data::terminated).count() == 3);
                List<E131Packet.Data> all = listener.data(cid, u);
                assertContiguous(all);
                assertThat(all.subList(all.size() - 3, all.size())).allSatisfy(d -> {
                    assertThat(d.terminated()).isTrue();
                    assertThat(slot(d, 1)).isEqualTo(u * 10);
                });
            }
        }
    }

    @Test
    void aHotSwapOfTheSameConfigurationGoesOnWithoutAGapADarkFrameOrATermination() {
        try (RawListener listener = RawListener.onLoopback(port, 1)) {
            Map<String, Object> config = config("outputUniverses", "1", "port", port);
            harness.bridge("swap", config);
            UUID cid = E131.cidOf("swap");
            LocalSession writer = harness.session();
            set(writer, "/sacn/1/1", 10);
            set(writer, "/sacn/1/2", 20);
            listener.await(cid, 1, d -> slot(d, 2) == 20);
            int before = listener.data(cid, 1).size();
            harness.update("swap", config);
            harness.update("swap", config);
            set(writer, "/sacn/1/3", 30);
            listener.await(cid, 1, d -> slot(d, 3) == 30);
            List<E131Packet.Data> all = listener.data(cid, 1);
            assertThat(all.size()).isGreaterThan(before + 1);
            assertContiguous(all);   // every instance numbers on from the last packet of the one before
            List<E131Packet.Data> afterValues = all.subList(all.indexOf(all.stream().filter(d -> slot(d, 2) == 20)
                    .findFirst().orElseThrow()), all.size());
            assertThat(afterValues).allSatisfy(d -> {
                assertThat(d.terminated()).isFalse();
                assertThat(slot(d, 1)).isEqualTo(10);   // no dark frame from the new instances
                assertThat(slot(d, 2)).isEqualTo(20);
            });
        }
    }

    @Test
    void aChangeThatDropsAUniverseEndsThatStreamAndKeepsTheOther() {
        try (RawListener listener = RawListener.onLoopback(port, 1, 2)) {
            harness.bridge("drop", config("outputUniverses", "1-2", "port", port));
            UUID cid = E131.cidOf("drop");
            LocalSession writer = harness.session();
            set(writer, "/sacn/1/1", 11);
            set(writer, "/sacn/2/1", 22);
            listener.await(cid, 2, d -> slot(d, 1) == 22);
            harness.update("drop", config("outputUniverses", "1", "port", port, "priority", 90));
            await().atMost(WAIT).until(() -> listener.data(cid, 2).stream().filter(E131Packet.Data::terminated).count() == 3);
            listener.await(cid, 1, d -> d.priority() == 90);
            assertContiguous(listener.data(cid, 2));
            assertContiguous(listener.data(cid, 1));
            assertThat(listener.data(cid, 1)).noneMatch(E131Packet.Data::terminated);
        }
    }

    @Test
    void aBridgeClosedAndOpenedAgainSendsOnWhereItStopped() {
        try (RawListener listener = RawListener.onLoopback(port, 1)) {
            harness.bridge("again", config("outputUniverses", "1", "port", port));
            UUID cid = E131.cidOf("again");
            LocalSession writer = harness.session();
            set(writer, "/sacn/1/1", 1);
            listener.await(cid, 1, d -> slot(d, 1) == 1);
            harness.reopen("again");
            set(writer, "/sacn/1/1", 2);
            listener.await(cid, 1, d -> slot(d, 1) == 2);
            assertContiguous(listener.data(cid, 1));
        }
    }

    @Test
    void withASyncUniverseEachBatchIsFollowedByASyncPacket() {
        try (RawListener listener = RawListener.onLoopback(port, 1, 7)) {
            harness.bridge("sync", config("outputUniverses", "1", "port", port, "syncUniverse", 7));
            UUID cid = E131.cidOf("sync");
            set(harness.session(), "/sacn/1/1", 1);
            await().atMost(WAIT).until(() -> listener.from(cid).stream().filter(p -> p instanceof E131Packet.Sync).count() >= 2);
            List<E131Packet> all = listener.from(cid);
            assertThat(all.get(0)).isInstanceOf(E131Packet.Data.class);   // data first, then its sync packet(s)
            assertThat(((E131Packet.Data) all.get(0)).syncUniverse()).isEqualTo(7);
            assertThat(all).filteredOn(p -> p instanceof E131Packet.Sync).allSatisfy(p ->
                    assertThat(((E131Packet.Sync) p).syncUniverse()).isEqualTo(7));
        }
    }

    @Test
    void discoveryAnnouncesTheOutputUniversesAndRecordsWhatOthersAnnounce() {
        try (RawListener listener = RawListener.onLoopback(port, E131.DISCOVERY_UNIVERSE);
             RawSource console = new RawSource(A, "console")) {
            harness.bridge("disc", config("outputUniverses", "1-3, 600", "port", port, "discovery", true, "sourceName", "me"));
            UUID cid = E131.cidOf("disc");
            await().atMost(WAIT).until(() -> listener.from(cid).stream().anyMatch(p -> p instanceof E131Packet.Discovery));
            assertThat(listener.from(cid).stream().filter(p -> p instanceof E131Packet.Discovery).findFirst().orElseThrow())
                    .isEqualTo(new E131Packet.Discovery(cid, "me", 0, 0, new int[] {1, 2, 3, 600}));
            InetSocketAddress group = new InetSocketAddress(E131.multicastGroup(E131.DISCOVERY_UNIVERSE), port);
            console.send(new E131Packet.Discovery(A, "console", 0, 0, new int[] {5, 6}), group);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(harness.state("disc").detail()).contains("discovered console: 5-6"));
        }
    }

    @Test
    void anInvalidConfigurationFailsTheInstanceNamingEveryProblem() {
        harness.add("wrong", config("outputUniverses", "0, 5-2", "inputUniverses", "70000", "priority", 201,
                "cid", "nope", "merge", "max", "multicast", false, "scale", 0, "namespace", "/a/*"));
        await().atMost(WAIT).until(() -> harness.state("wrong").state() == PluginState.FAILED);
        assertThat(harness.state("wrong").detail()).contains("namespace must be an address such as /sacn, is '/a/*'",
                "outputUniverses: universe 0 is outside 1-63999", "inputUniverses: universe 70000 is outside 1-63999",
                "priority must be 0-200, is 201", "cid must be a UUID, is 'nope'", "merge must be htp or ltp, is 'max'",
                "scale must be a finite number other than 0");
        harness.add("idle", config());
        await().atMost(WAIT).until(() -> harness.state("idle").state() == PluginState.FAILED);
        assertThat(harness.state("idle").detail()).contains("nothing to do: no outputUniverses, no inputUniverses and no discovery");
        harness.add("nowhere", config("outputUniverses", "1", "multicast", false));
        await().atMost(WAIT).until(() -> harness.state("nowhere").state() == PluginState.FAILED);
        assertThat(harness.state("nowhere").detail()).contains("output universes need multicast=true or unicastDestinations");
    }

    @Test
    void anUnknownInterfaceOrUnicastHostIsNamedInTheStatus() {
        harness.add("noif", config("outputUniverses", "1", "multicastInterface", "nosuch0"));
        await().atMost(WAIT).until(() -> harness.state("noif").state() == PluginState.FAILED);
        assertThat(harness.state("noif").detail()).startsWith("multicast interface: no network interface named or with the address nosuch0");
        harness.add("nohost", config("outputUniverses", "1", "multicast", false, "unicastDestinations",
                "127.0.0.1:" + port + ", no-such-host.invalid"));
        await().atMost(WAIT).until(() -> harness.state("nohost").state() == PluginState.FAILED);
        assertThat(harness.state("nohost").detail()).contains("(unknown unicast hosts: no-such-host.invalid)");
    }

    private static void set(LocalSession writer, String address, long value) {
        try {
            writer.set(address, Value.of(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each packet's sequence number is the one before it plus one (mod 256), except a fresh stream's first jump of 20. */
    private static void assertContiguous(List<E131Packet.Data> packets) {
        List<String> gaps = new ArrayList<>();
        for (int i = 1; i < packets.size(); i++) {
            int expected = (packets.get(i - 1).sequence() + (i == 1 ? 20 : 1)) & 0xFF;
            if (packets.get(i).sequence() != expected) gaps.add(packets.get(i - 1).sequence() + " -> " + packets.get(i).sequence());
        }
        assertThat(gaps).as("sequence gaps").isEmpty();
    }
}
