package clasp.bridge.artnet.internal;

import static clasp.bridge.artnet.internal.Harness.WAIT;
import static clasp.bridge.artnet.internal.RawNode.slots;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.test.peers.router.Observer;
import io.netty.buffer.ByteBufUtil;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge in the real router against plain UDP sockets standing in for Art-Net nodes and consoles. */
class ArtNetBridgeTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static InetSocketAddress local(ArtNetBridge bridge) {
        return bridge.localAddress();
    }

    @Test
    void setsGoOutAsFullArtDmxFramesToAConfiguredNodeWithTheSlotValueMapping() throws Exception {
        try (RawNode node = new RawNode("127.0.0.1")) {
            ArtNetBridge bridge = harness.bridge("out", Map.of("nodes", node.address(), "discoverNodes", "false"));
            LocalSession desk = harness.session();
            desk.set("/artnet/1/1", Value.of(0.5));            // Float: normalised, rounded
            desk.set("/artnet/1/2", Value.of(300L));           // Int: clamped
            desk.set("/artnet/1/3", Value.of(true));
            desk.set("/artnet/0/0/1/4", Value.of(9L));         // net/subnet/universe/slot alias of universe 1
            desk.set("/artnet/1/512", Value.of(-4L));
            desk.set("/artnet/1/5", Value.of("bright"));       // no slot value: dropped
            desk.set("/artnet/1/513", Value.of(1L));           // no slot: dropped

            ArtDmx frame = node.awaitDmx(1, d -> slots(d, 128, 255, 255, 9));
            assertThat(frame.data()).hasSize(512);
            assertThat(frame.data()[511]).isZero();
            RawNode.Packet packet = node.received.stream().filter(p -> p.opCode() == ArtNet.OP_DMX).findFirst().orElseThrow();
            assertThat(packet.bytes()).hasSize(530);
            assertThat(ByteBufUtil.hexDump(packet.bytes(), 0, 18)).isEqualTo("4172742d4e6574000050000e" + "01" + "00" + "0100" + "0200");
            assertThat(node.dmx(1)).extracting(ArtDmx::sequence).doesNotContain(0);
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("out").detail())
                    .startsWith("listening on udp 127.0.0.1:" + local(bridge).getPort())
                    .contains("; nodes 1 configured, 0 discovered; out universes 1, ")
                    .contains("; dropped 2 (last: /artnet/1/513 is not /artnet/<universe 0-32767>/<slot 1-512>"));
        }
    }

    @Test
    void aNewInstanceSendsTheCurrentLookFirstAndTheListedUniversesFromTheStart() throws Exception {
        LocalSession desk = harness.session();
        desk.set("/artnet/2/1", Value.of(200L));
        desk.set("/artnet/2/5", Value.of(50L));
        try (RawNode node = new RawNode("127.0.0.1")) {
            harness.bridge("look", Map.of("nodes", node.address(), "discoverNodes", "false", "outputUniverses",
                    new String[] {"2-3"}));
            node.awaitDmx(3, d -> true);
            ArtDmx first = node.awaitDmx(2, d -> true);
            assertThat(slots(first, 200, 0, 0, 0, 50)).isTrue();   // never an all-zero frame before it

            // a hot swap: the new instance's first frame is the look again, including what changed meanwhile
            harness.remove("look");
            desk.set("/artnet/2/2", Value.of(7L));
            node.received.clear();
            harness.bridge("look2", Map.of("nodes", node.address(), "discoverNodes", "false", "outputUniverses",
                    new String[] {"2-3"}));
            first = node.awaitDmx(2, d -> true);
            assertThat(slots(first, 200, 7, 0, 0, 50)).isTrue();
            assertThat(first.sequence()).isEqualTo(1);
        }
    }

    @Test
    void scaleAndOffsetMapBothWays() throws Exception {
        try (RawNode node = new RawNode("127.0.0.1"); RawNode console = new RawNode("127.0.0.3")) {
            Observer clasp = harness.observe("/artnet/9/**");
            ArtNetBridge bridge = harness.bridge("scaled", Map.of("nodes", node.address(), "discoverNodes", "false",
                    "scale", "100", "offset", "5", "outputUniverses", new String[] {"4"}, "inputUniverses", new String[] {"9"}));
            LocalSession desk = harness.session();
            desk.set("/artnet/4/1", Value.of(0.5));     // 0.5 × 100 + 5
            desk.set("/artnet/4/2", Value.of(3L));      // 3 × 100 + 5, clamped
            desk.set("/artnet/4/3", Value.of(-1.0));    // clamped to 0
            node.awaitDmx(4, d -> slots(d, 55, 255, 0));

            console.sendDmx(1, 9, RawNode.at(local(bridge)), 105, 5);
            await().atMost(WAIT).until(() -> clasp.sets().size() == 2);
            assertThat(clasp.setLines()).containsExactly("/artnet/9/1=FLOAT:1.0", "/artnet/9/2=FLOAT:0.0");
        }
    }

    @Test
    void inboundArtDmxBecomesSetsOfTheChangedSlotsAsIntsOrNormalisedFloats() throws Exception {
        try (RawNode console = new RawNode("127.0.0.3")) {
            Observer clasp = harness.observe("/artnet/**");
            Observer floats = harness.observe("/dmx/**");
            ArtNetBridge ints = harness.bridge("in", Map.of("discoverNodes", "false", "inputUniverses", new String[] {"0-1"}));
            ArtNetBridge normalised = harness.bridge("in-f", Map.of("discoverNodes", "false", "normalize", "true",
                    "namespace", "/dmx"));
            for (ArtNetBridge b : List.of(ints, normalised)) {
                console.sendDmx(1, 1, RawNode.at(local(b)), 0, 51, 255);
                console.sendDmx(2, 1, RawNode.at(local(b)), 0, 51, 0);
                console.sendDmx(3, 2, RawNode.at(local(b)), 1);   // universe 2: not an input of "in"
            }
            await().atMost(WAIT).until(() -> clasp.sets().size() == 3 && floats.sets().size() == 4);
            assertThat(clasp.setLines()).containsExactly("/artnet/1/2=INT:51", "/artnet/1/3=INT:255", "/artnet/1/3=INT:0");
            assertThat(floats.setLines()).containsExactly("/dmx/1/2=FLOAT:0.2", "/dmx/1/3=FLOAT:1.0", "/dmx/1/3=FLOAT:0.0",
                    "/dmx/2/1=FLOAT:0.00392156862745098");
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("in").detail())
                    .contains("; in universes 1, 3 packets received, 3 SETs"));
        }
    }

    @Test
    void twoSourcesMergeHtpAndASourceThatStopsIsTimedOut() throws Exception {
        try (RawNode a = new RawNode("127.0.0.3"); RawNode b = new RawNode("127.0.0.4")) {
            ArtNetBridge bridge = harness.bridge("htp", Map.of("discoverNodes", "false", "sourceTimeoutSeconds", "1"));
            InetSocketAddress to = RawNode.at(local(bridge));
            a.sendDmx(0, 5, to, 100, 0);
            b.sendDmx(0, 5, to, 20, 200);
            await().atMost(WAIT).until(() -> value("/artnet/5/1") == 100 && value("/artnet/5/2") == 200);

            // b keeps sending; a stops: after its timeout, slot 1 falls back to b's 20
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread keepAlive = repeat(sending, () -> b.sendDmx(0, 5, to, 20, 200));
            try {
                await().atMost(WAIT).until(() -> value("/artnet/5/1") == 20);
                assertThat(value("/artnet/5/2")).isEqualTo(200);
            } finally {
                sending.set(false);
                keepAlive.join(10_000);
            }
        }
    }

    @Test
    void ltpTakesEachSlotFromWhoeverChangedItLast() throws Exception {
        try (RawNode a = new RawNode("127.0.0.3"); RawNode b = new RawNode("127.0.0.4")) {
            ArtNetBridge bridge = harness.bridge("ltp", Map.of("discoverNodes", "false", "merge", "ltp"));
            InetSocketAddress to = RawNode.at(local(bridge));
            a.sendDmx(1, 6, to, 100, 100);
            await().atMost(WAIT).until(() -> value("/artnet/6/2") == 100);
            b.sendDmx(1, 6, to, 20, 100);
            await().atMost(WAIT).until(() -> value("/artnet/6/1") == 20);
            a.sendDmx(2, 6, to, 100, 90);   // a moves slot 2 only; slot 1 stays b's
            await().atMost(WAIT).until(() -> value("/artnet/6/2") == 90);
            assertThat(value("/artnet/6/1")).isEqualTo(20);
        }
    }

    @Test
    void lateSequencesAndMalformedDatagramsAreCountedAndDroppedAndTheBridgeGoesOn() throws Exception {
        try (RawNode console = new RawNode("127.0.0.3")) {
            ArtNetBridge bridge = harness.bridge("bad", Map.of("discoverNodes", "false"));
            InetSocketAddress to = RawNode.at(local(bridge));
            console.sendDmx(10, 0, to, 10);
            console.sendDmx(9, 0, to, 9);                          // late
            console.send("Art-Net".getBytes(), to);                // too short
            console.send(ByteBufUtil.decodeHexDump("4172742d4e6574000050000e0100000000ff01"), to);   // length 255, 1 byte
            console.sendDmx(11, 0, to, 11);
            await().atMost(WAIT).until(() -> value("/artnet/0/1") == 11);
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("bad").detail())
                    .contains("; malformed 2 (last: ArtDmx length 255 but only 1 data bytes from 127.0.0.3:")
                    .contains("; dropped 1 (last: universe 0: sequence 9 after 10 from 127.0.0.3 is late)"));
            assertThat(harness.state("bad").state()).isEqualTo(PluginState.ONLINE);
        }
    }

    @Test
    void aDiscoveredNodeGetsOnlyTheUniversesItsReplyListsUntilItFallsSilent() throws Exception {
        try (RawNode broadcast = new RawNode("127.0.0.1"); RawNode node = new RawNode("127.0.0.5")) {
            ArtNetBridge bridge = harness.bridge("disc", Map.of("broadcast", broadcast.address(), "pollIntervalSeconds", "1",
                    "nodeTimeoutSeconds", "2"));
            await().atMost(WAIT).until(() -> broadcast.withOpCode(ArtNet.OP_POLL).size() >= 2);   // every second
            assertThat(ByteBufUtil.hexDump(broadcast.withOpCode(ArtNet.OP_POLL).get(0).bytes()))
                    .isEqualTo("4172742d4e6574000020000e0000");

            InetSocketAddress to = RawNode.at(local(bridge));
            ArtPollReply reply = new ArtPollReply(new byte[] {127, 0, 0, 5}, 0, 0, "raw", "raw node", "",
                    List.of(new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT, 0, 0x80, 0, 7)), ArtPollReply.STYLE_NODE, 1);
            node.send(reply::encode, to);
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("disc").detail()).contains("1 discovered"));
            LocalSession desk = harness.session();
            desk.set("/artnet/8/1", Value.of(1L));
            desk.set("/artnet/7/1", Value.of(1L));
            node.awaitDmx(7, d -> slots(d, 1));
            broadcast.awaitDmx(8, d -> slots(d, 1));   // the broadcast address gets every universe
            assertThat(node.dmx(8)).isEmpty();

            // silent for the node timeout: forgotten, and its universe no longer sent to it
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("disc").detail()).contains("0 discovered"));
            int before = node.dmx(7).size();
            int keepAlives = broadcast.dmx(7).size();
            await().atMost(WAIT).until(() -> broadcast.dmx(7).size() >= keepAlives + 2);
            assertThat(node.dmx(7)).hasSizeLessThanOrEqualTo(before + 1);   // at most one already on its way
        }
    }

    @Test
    void inNodeModeItAnswersArtPollAndAnnouncesItsUniversesToTheConfiguredNodes() throws Exception {
        try (RawNode controller = new RawNode("127.0.0.1"); RawNode poller = new RawNode("127.0.0.6")) {
            ArtNetBridge bridge = harness.bridge("node", Map.of("node", "true", "discoverNodes", "false",
                    "nodes", controller.address(), "pollIntervalSeconds", "1", "inputUniverses", new String[] {"3", "17"}, "outputUniverses", new String[] {"5"}, "shortName", "desk-node"));
            ArtPollReply announced = await().atMost(WAIT).until(() -> controller.withOpCode(ArtNet.OP_POLL_REPLY).stream()
                    .map(RawNode.Packet::reply).filter(r -> r.netSwitch() == 0).findFirst().orElse(null), r -> r != null);
            assertThat(announced.ip()).containsExactly(127, 0, 0, 1);
            assertThat(announced.shortName()).isEqualTo("desk-node");
            assertThat(announced.longName()).isEqualTo("CLASP Art-Net bridge node");
            assertThat(announced.ports()).containsExactly(
                    new ArtPollReply.Port(ArtPollReply.TYPE_OUTPUT, 0, 0, 0, 3),
                    new ArtPollReply.Port(ArtPollReply.TYPE_INPUT, 0x80, 0, 5, 0));

            poller.send(new ArtPoll(0, 0)::encode, RawNode.at(local(bridge)));
            List<ArtPollReply> answers = await().atMost(WAIT).until(() -> poller.withOpCode(ArtNet.OP_POLL_REPLY).stream()
                    .map(RawNode.Packet::reply).toList(), l -> l.size() >= 2);
            assertThat(answers).extracting(ArtPollReply::bindIndex).containsExactly(1, 2);
            assertThat(answers.get(1).subSwitch()).isEqualTo(1);   // universe 17: Sub-Net 1, universe 1
            assertThat(answers.get(1).outputUniverses()).containsExactly(17);
        }
    }

    @Test
    void itsOwnBroadcastComingBackIsIgnored() throws Exception {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ArtNetBridge bridge = harness.bridge("loop", Map.of("port", Integer.toString(port), "broadcast", "127.0.0.1:" + port,
                "discoverNodes", "true", "node", "true", "pollIntervalSeconds", "1"));
        harness.session().set("/artnet/1/1", Value.of(0.25));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail())
                .contains("out universes 1, ").contains("in universes none, 0 packets received, 0 SETs").contains("0 discovered"));
        assertThat(harness.param("/artnet/1/1").value()).isEqualTo(Value.of(0.25));   // not overwritten by 64
        assertThat(local(bridge).getPort()).isEqualTo(port);
    }

    @Test
    void anInvalidConfigurationOrAnUnknownBindHostFailsTheInstanceNamingTheProblem() {
        harness.add("bad", Map.of("merge", "max", "outputUniverses", new String[] {"1-x"}));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.state("bad").state()).isEqualTo(PluginState.FAILED);
            assertThat(harness.state("bad").detail()).contains("outputUniverses: universe 1-x is not a number or range",
                    "merge must be htp or ltp, is max");
        });
        harness.add("nohost", Map.of("bindAddress", "no-such-host.invalid", "port", "0"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.state("nohost").state()).isEqualTo(PluginState.FAILED);
            assertThat(harness.state("nohost").detail()).startsWith("cannot bind udp no-such-host.invalid: unknown host");
        });
    }

    @Test
    void anUnknownNodeHostShowsFailedNamingItWhileTheOtherNodesAreServed() throws Exception {
        try (RawNode node = new RawNode("127.0.0.1")) {
            harness.add("half", Map.of("bindAddress", "127.0.0.1", "port", "0", "discoverNodes", "false",
                    "nodes", new String[] {"no-such-host.invalid", node.address()}));
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(harness.state("half").state()).isEqualTo(PluginState.FAILED);
                assertThat(harness.state("half").detail()).contains("(unknown hosts: no-such-host.invalid); nodes 1 configured");
            });
            harness.session().set("/artnet/2/1", Value.of(5L));
            node.awaitDmx(2, d -> slots(d, 5));
        }
    }

    @Test
    void removingTheBridgeUnderTrafficLeavesNoThreadAndNoSocket() throws Exception {
        try (RawNode node = new RawNode("127.0.0.1"); RawNode console = new RawNode("127.0.0.3")) {
            ArtNetBridge bridge = harness.bridge("gone", Map.of("nodes", node.address(), "pollIntervalSeconds", "1",
                    "node", "true", "artSync", "true"));
            InetSocketAddress at = local(bridge);
            InetSocketAddress to = RawNode.at(at);
            LocalSession desk = harness.session();
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger n = new AtomicInteger();
            Thread traffic = repeat(sending, () -> {
                console.sendDmx(0, 2, to, n.get() % 256);
                desk.set("/artnet/1/1", Value.of((long) (n.incrementAndGet() % 256)));
            });
            try {
                node.awaitDmx(1, d -> true);
                await().atMost(WAIT).until(() -> harness.param("/artnet/2/1") != null);
                assertThat(threads("gone")).isNotEmpty();
                harness.remove("gone");
                await().atMost(WAIT).until(() -> threads("gone").isEmpty());
                try (DatagramSocket again = new DatagramSocket(at)) {   // no SO_REUSEADDR: only if the bridge's is closed
                    assertThat(again.getLocalPort()).isEqualTo(at.getPort());
                }
                assertThat(node.withOpCode(ArtNet.OP_SYNC)).isNotEmpty();
            } finally {
                sending.set(false);
                traffic.join(10_000);
            }
        }
    }

    private int value(String address) {
        var p = harness.param(address);
        return p == null ? -1 : (int) ((clasp.api.IntValue) p.value()).value();
    }

    private static List<String> threads(String id) {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith(ArtNetBridge.threadPrefix(id) + "-")).toList();
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Runs {@code step} every 20 ms on a thread of its own until {@code sending} turns false. */
    private static Thread repeat(AtomicBoolean sending, Step step) {
        Thread t = new Thread(() -> {
            try {
                while (sending.get()) {
                    step.run();
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                sending.set(false);
            }
        }, "test-traffic");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
