package clasp.bridge.osc.internal;

import static clasp.bridge.osc.internal.Harness.WAIT;
import static clasp.bridge.osc.internal.Harness.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.osc.OscArgument;
import clasp.osc.OscBundle;
import clasp.osc.OscDecoder;
import clasp.osc.OscEncoder;
import clasp.osc.OscLimits;
import clasp.osc.OscMessage;
import clasp.osc.OscPacket;
import clasp.osc.OscTimetag;
import clasp.router.internal.clock.Micros;
import clasp.test.peers.router.Observer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge in the real router against real OSC peers: liblo's oscsend and oscdump, and plain UDP sockets. */
class OscBridgeTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void whatOscsendSendsArrivesAsSetsUnderTheNamespace() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("in", Map.of()));

        Liblo.oscsend(port, "/synth/cutoff", "f", "0.5");
        Liblo.oscsend(port, "/color", "iii", "255", "0", "128");
        Liblo.oscsend(port, "/cue/go");
        Liblo.oscsend(port, "/a", "T");
        Liblo.oscsend(port, "/a/b", "ifsTFNhd", "1", "2.5", "hello", "7", "3.25");
        await().atMost(WAIT).until(() -> clasp.size() == 5);

        assertThat(clasp.lines()).containsExactly(
                "SET /osc/synth/cutoff FLOAT:0.5",
                "SET /osc/color ARRAY:[255, 0, 128]",
                "SET /osc/cue/go NULL:null",
                "SET /osc/a BOOL:true",
                "SET /osc/a/b ARRAY:[1, 2.5, \"hello\", true, false, null, 7, 3.25]");
        assertThat(harness.param("/osc/synth/cutoff").value()).isEqualTo(Value.of(0.5));
        await().atMost(WAIT).untilAsserted(() ->   // the status line is refreshed periodically
                assertThat(harness.state("in").detail()).contains("; in 5 packets, 5 written"));
    }

    @Test
    void eventAddressesArriveAsPublishedEventsAndAreNotKept() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("ev", Map.of("eventAddresses", new String[] {"/cue/*", "/trigger/**"})));

        Liblo.oscsend(port, "/cue/go");
        Liblo.oscsend(port, "/trigger/a/b", "i", "3");
        Liblo.oscsend(port, "/fader", "f", "0.25");
        await().atMost(WAIT).until(() -> clasp.size() == 3);

        assertThat(clasp.lines()).containsExactly("PUBLISH EVENT /osc/cue/go -", "PUBLISH EVENT /osc/trigger/a/b INT:3",
                "SET /osc/fader FLOAT:0.25");
        assertThat(harness.param("/osc/cue/go")).isNull();
    }

    @Test
    void aClaspSetAppearsInOscdumpWithTheRightTypeTags() throws Exception {
        try (Liblo.Oscdump oscdump = new Liblo.Oscdump()) {
            harness.bridge("out", Map.of("peers", "127.0.0.1:" + oscdump.port));
            LocalSession writer = harness.session();
            awaitOscdump(writer, oscdump);

            writer.set("/osc/fader/1", Value.of(7));
            assertThat(oscdump.next("/fader/1", 60)).endsWith(" /fader/1 i 7");
            writer.set("/osc/obj", Value.of(Map.of("a", Value.of(1))));
            assertThat(oscdump.next("/obj", 60)).endsWith(" /obj s \"{\"a\":1}\"");
            writer.set("/osc/level", Value.of(0.5));
            assertThat(oscdump.next("/level", 60)).endsWith(" /level f 0.500000");
            writer.set("/osc/big", Value.of(1L << 40));
            assertThat(oscdump.next("/big", 60)).endsWith(" /big h 1099511627776");
            writer.set("/osc/mix", Value.of(List.of(Value.of(true), Value.of("x"), Value.of(new byte[] {1, 2}))));
            assertThat(oscdump.next("/mix", 60)).endsWith(" /mix Tsb #T \"x\" [2b 0x1 0x2]");
            writer.set("/osc/nothing", Value.ofNull());
            assertThat(oscdump.next("/nothing", 60)).endsWith(" /nothing ");
            writer.set("/elsewhere/x", Value.of(1));   // outside the namespace and the outbound patterns: not sent
            writer.set("/osc/last", Value.of("end"));
            assertThat(oscdump.next("/last", 60)).endsWith(" /last s \"end\"");
        }
    }

    @Test
    void floatWidthDAndNullAsNSendThoseTags() throws Exception {
        try (Liblo.Oscdump oscdump = new Liblo.Oscdump()) {
            harness.bridge("wide", Map.of("peers", "127.0.0.1:" + oscdump.port, "floatWidth", "d", "nullAs", "N"));
            LocalSession writer = harness.session();
            awaitOscdump(writer, oscdump);
            writer.set("/osc/level", Value.of(0.5));
            assertThat(oscdump.next("/level", 60)).endsWith(" /level d 0.500000");
            writer.set("/osc/nothing", Value.ofNull());
            assertThat(oscdump.next("/nothing", 60)).endsWith(" /nothing N Nil");
        }
    }

    /** UDP: oscdump may not be bound yet; SET /osc/ready until it prints one. */
    private static void awaitOscdump(LocalSession writer, Liblo.Oscdump oscdump) throws Exception {
        AtomicInteger n = new AtomicInteger();
        await().atMost(WAIT).until(() -> {
            writer.set("/osc/ready", Value.of(n.incrementAndGet()));
            return oscdump.next("/ready", 1) != null;
        });
        oscdump.lines.clear();
    }

    @Test
    void aBundleAtAnImmediateTimetagIsAppliedAtOnceAndWhole() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("now", Map.of()));
        try (DatagramSocket peer = new DatagramSocket()) {
            send(peer, port, new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/x", new OscArgument.Float32(1)),
                    new OscMessage("/y", new OscArgument.Float32(0))));
            await().atMost(WAIT).until(() -> clasp.size() == 2);
            assertThat(clasp.lines()).containsExactly("SET /osc/x FLOAT:1.0", "SET /osc/y FLOAT:0.0");

            // one bad address refuses the whole bundle: nothing of it is applied
            send(peer, port, new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/x", new OscArgument.Float32(5)),
                    new OscMessage("/y/*", new OscArgument.Float32(5))));
            send(peer, port, new OscMessage("/after", new OscArgument.Int32(1)));
            await().atMost(WAIT).until(() -> clasp.size() == 3);
            assertThat(clasp.lines().get(2)).isEqualTo("SET /osc/after INT:1");
            assertThat(harness.param("/osc/x").value()).isEqualTo(Value.of(1.0));
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("now").detail())
                    .contains("dropped 1 (last: OSC address pattern character '*', refused: /y/* from 127.0.0.1:"));
        }
    }

    @Test
    void aBundleWithAFutureTimetagIsAppliedAtItsTimeOnTheRouterClock() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("later", Map.of()));
        try (DatagramSocket peer = new DatagramSocket()) {
            long at = Micros.now() + 700_000;
            OscTimetag when = OscTimetag.ofUnixMicros(at);
            // the nested bundle's earlier time does not make anything run sooner: the latest timetag counts (§1.5)
            send(peer, port, new OscBundle(when, new OscMessage("/x", new OscArgument.Int32(1)),
                    new OscBundle(OscTimetag.IMMEDIATELY, new OscMessage("/y", new OscArgument.Int32(2))),
                    new OscMessage("/z", new OscArgument.Int32(3))));
            send(peer, port, new OscMessage("/now", new OscArgument.Int32(0)));
            await().atMost(WAIT).until(() -> clasp.size() == 4);

            assertThat(clasp.lines()).containsExactly("SET /osc/now INT:0", "SET /osc/x INT:1", "SET /osc/y INT:2",
                    "SET /osc/z INT:3");
            long applied = harness.param("/osc/x").timestamp();
            assertThat(applied).as("written at (router clock) not before the timetag").isGreaterThanOrEqualTo(when.toUnixMicros());
            assertThat(harness.param("/osc/z").timestamp()).isGreaterThanOrEqualTo(when.toUnixMicros());
            assertThat(clasp.seen().get(1).atMicros()).isGreaterThanOrEqualTo(when.toUnixMicros());
            System.out.printf("bundle lateness: written %d µs, seen by a client %d µs after the timetag%n",
                    applied - when.toUnixMicros(), clasp.seen().get(1).atMicros() - when.toUnixMicros());
        }
    }

    @Test
    void aBundleWithAPastTimetagIsAppliedNow() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("past", Map.of()));
        try (DatagramSocket peer = new DatagramSocket()) {
            send(peer, port, new OscBundle(OscTimetag.ofUnixMicros(Micros.now() - 5_000_000),
                    new OscMessage("/p", new OscArgument.Int32(9))));
            await().atMost(WAIT).until(() -> clasp.size() == 1);
            assertThat(clasp.lines()).containsExactly("SET /osc/p INT:9");
        }
    }

    @Test
    void malformedDatagramsAreCountedAndDroppedAndTheBridgeKeepsWorking() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        int port = port(harness.bridge("bad", Map.of()));
        try (DatagramSocket peer = new DatagramSocket()) {
            send(peer, port, new byte[] {1, 2, 3});
            send(peer, port, "/a\0\0,x\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            send(peer, port, "/a\0\0,s\0\0abcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Liblo.oscsend(port, "/still", "i", "1");
            await().atMost(WAIT).until(() -> clasp.size() == 1);
            assertThat(clasp.lines()).containsExactly("SET /osc/still INT:1");
            await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("bad").detail()).contains(
                    "; in 4 packets, 1 written, out 0, malformed 3 (last: string argument has no NUL terminator "
                            + "before the end (at byte 8) from 127.0.0.1:"));
            assertThat(harness.state("bad").state()).isEqualTo(PluginState.ONLINE);
        }
    }

    @Test
    void whatAPeerSentIsNeverSentBackToIt() throws Exception {
        Observer clasp = harness.observe("/osc/**");
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout((int) WAIT.toMillis());
            int port = port(harness.bridge("loop", Map.of("peers", "127.0.0.1:" + peer.getLocalPort(),
                    "replyToSender", "true")));
            send(peer, port, new OscMessage("/echo", new OscArgument.Int32(1)));
            await().atMost(WAIT).until(() -> clasp.size() == 1);
            harness.session().set("/osc/marker", Value.of(2));
            // the first thing the peer gets is the other client's value, not its own /echo
            assertThat(receive(peer)).isEqualTo(new OscMessage("/marker", new OscArgument.Int32(2)));
        }
    }

    @Test
    void replyToSenderSendsToWhoeverSentLately() throws Exception {
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            peer.setSoTimeout((int) WAIT.toMillis());
            int port = port(harness.bridge("reply", Map.of("replyToSender", "true")));
            Observer clasp = harness.observe("/osc/**");
            send(peer, port, new OscMessage("/hello"));
            await().atMost(WAIT).until(() -> clasp.size() == 1);
            harness.session().set("/osc/back", Value.of("to you"));
            assertThat(receive(peer)).isEqualTo(new OscMessage("/back", new OscArgument.Text("to you")));
        }
    }

    @Test
    void anInvalidConfigurationFailsTheInstanceNamingTheProblem() {
        harness.add("wrong", Map.of("peers", "nohost", "floatWidth", "q", "eventAddresses", "/a*"));
        await().atMost(WAIT).until(() -> harness.state("wrong").state() == PluginState.FAILED);
        assertThat(harness.state("wrong").detail()).contains("peer must be host:port with a port 1-65535: nohost",
                "eventAddresses: a wildcard must be a whole segment (* or **): /a*", "floatWidth must be f or d, is q");
    }

    @Test
    void aPortInUseFailsTheInstance() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            harness.add("busy", Map.of("bindAddress", "127.0.0.1", "port", Integer.toString(taken.getLocalPort())));
            await().atMost(WAIT).until(() -> harness.state("busy").state() == PluginState.FAILED);
            assertThat(harness.state("busy").detail()).startsWith("cannot bind udp 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void removingTheBridgeUnderTrafficLeavesNoThreadAndNoSocket() throws Exception {
        int port = port(harness.bridge("gone", Map.of("peers", "127.0.0.1:9")));
        assertThat(threadsOf("gone")).isNotEmpty();
        LocalSession writer = harness.session();
        try (DatagramSocket peer = new DatagramSocket()) {
            for (int i = 0; i < 200; i++) {
                send(peer, port, new OscMessage("/t", new OscArgument.Int32(i)));
                writer.set("/osc/out", Value.of(i));
            }
            harness.remove("gone");
            for (int i = 0; i < 50; i++) send(peer, port, new OscMessage("/t", new OscArgument.Int32(i)));
        }
        await().atMost(WAIT).until(() -> threadsOf("gone").isEmpty());
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);   // the bridge's socket is closed
        }
    }

    static List<String> threadsOf(String id) {
        String prefix = OscBridge.threadPrefix(id);
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).toList();
    }

    private static void send(DatagramSocket socket, int port, OscPacket packet) throws Exception {
        ByteBuf buf = OscEncoder.encode(packet, UnpooledByteBufAllocator.DEFAULT);
        try {
            send(socket, port, ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    private static void send(DatagramSocket socket, int port, byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    private static OscPacket receive(DatagramSocket socket) throws Exception {
        DatagramPacket datagram = new DatagramPacket(new byte[65_536], 65_536);
        socket.receive(datagram);
        ByteBuf buf = Unpooled.wrappedBuffer(datagram.getData(), 0, datagram.getLength());
        try {
            return new OscDecoder(OscLimits.DEFAULTS).decode(buf);
        } finally {
            buf.release();
        }
    }
}
