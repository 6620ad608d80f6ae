package clasp.bridge.midi.internal;

import static clasp.bridge.midi.internal.Harness.WAIT;
import static clasp.bridge.midi.internal.Vectors.B;
import static clasp.bridge.midi.internal.Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.LocalSession;
import clasp.api.router.PluginState;
import clasp.bridge.midi.internal.MidiToClasp.Clock;
import clasp.test.peers.router.MessageLines;
import clasp.test.peers.router.Observer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sound.midi.MidiDevice;
import javax.sound.midi.spi.MidiDeviceProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge in the real router, finding the tests' loopback device through Java Sound's MidiSystem (registered in
 * META-INF/services), with the §3.3 byte vectors both ways.
 */
class MidiBridgeTest {
    private static final Loopback LOOP = LoopbackProvider.DEVICE;
    private static final String LOOPBACK = "CLASP Test Loopback";
    private static final Map<String, Object> BOTH_WAYS = Map.of("inputDevice", LOOPBACK, "outputDevice", LOOPBACK,
            "device", "loop");

    private final Harness harness = new Harness();

    @BeforeEach
    void plugIn() {
        LoopbackProvider.plugIn();
        LOOP.reset();
    }

    @AfterEach
    void close() {
        harness.close();
        LoopbackProvider.plugIn();
    }

    @Test
    void everyVectorPlayedIntoTheInputPortArrivesInClasp() {
        Observer clasp = harness.observe("/midi/**");
        harness.bridge("loop", with(BOTH_WAYS, "clock", "all"));
        List<String> expected = new ArrayList<>();
        for (Vectors.Row row : rows()) {
            LOOP.play(row.bytes());
            expected.addAll(row.clasp());
        }
        for (String qf : Vectors.MTC_01_02_03_04) LOOP.play(Vectors.Row.bytes(qf));
        expected.add("SET " + B + "/mtc STRING:\"01:02:03:04\"");

        await().atMost(WAIT).until(() -> clasp.size() >= expected.size());
        assertThat(clasp.lines()).isEqualTo(expected);
        assertThat(harness.param(B + "/ch/1/note/60").value()).isEqualTo(Value.of(0));   // note state: off again
        assertThat(harness.param(B + "/ch/10/program").value()).isEqualTo(Value.of(5));
        assertThat(harness.param(B + "/mtc").value()).isEqualTo(Value.of("01:02:03:04"));
        int messages = rows().size() + Vectors.MTC_01_02_03_04.size();
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail()).isEqualTo("in: " + LOOPBACK
                + ", out: " + LOOPBACK + "; " + B + "; in " + messages + " messages, " + expected.size() + " written, out 0 messages"));
        assertThat(LOOP.drain()).isEmpty();   // what came in is not sent out again
    }

    @Test
    void everyVectorWrittenInClaspLeavesTheOutputPortAsItsBytes() throws Exception {
        harness.bridge("loop", BOTH_WAYS);
        LocalSession writer = harness.session();
        MidiToClasp decoder = new MidiToClasp(B, new MidiValues(false, 1, 0), false, Clock.ALL, 65_536);
        for (Vectors.Row row : rows()) {
            byte[] bytes = row.bytes();
            for (Message m : decoder.decode(bytes, bytes.length).messages()) {
                write(writer, m);
                String expected = m instanceof SetMessage s && s.address().contains("/note/") && (bytes[0] & 0xF0) == 0x80
                        ? hex(new byte[] {bytes[0], bytes[1], 0})   // note state off: no release velocity
                        : hex(bytes);
                assertThat(hex(LOOP.next())).as(row.name() + ": " + MessageLines.line(m)).isEqualTo(expected);
            }
        }
        writer.set(B + "/mtc", Value.of("01:02:03:04"));   // inbound only: dropped, counted
        writer.set(B + "/ch/1/cc/7", Value.of("loud"));
        writer.set(B + "/ch/1/cc/8", Value.of(1));
        assertThat(hex(LOOP.next())).isEqualTo("B0 08 01");
        assertThat(LOOP.drain()).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail())
                .endsWith(", dropped 2 (last: " + B + "/ch/1/cc/7: not numeric: STRING)"));
    }

    @Test
    void aPortThatGoesAwayIsLetGoAndAttachedAgainWhenItReturns() throws Exception {
        Observer clasp = harness.observe("/midi/**");
        harness.bridge("loop", BOTH_WAYS);
        assertThat(LOOP.isOpen()).isTrue();
        assertThat(LOOP.listeners()).isEqualTo(1);

        LoopbackProvider.unplug();
        await().atMost(WAIT).until(() -> harness.state("loop").state() == PluginState.OFFLINE);
        assertThat(harness.state("loop").detail()).startsWith("in: waiting for a port named like '" + LOOPBACK + "' ("
                + LOOPBACK + " went away), out: waiting for a port named like '" + LOOPBACK + "' (" + LOOPBACK + " went away)");
        assertThat(LOOP.isOpen()).isFalse();
        assertThat(LOOP.listeners()).isZero();
        LocalSession writer = harness.session();
        writer.set(B + "/ch/1/cc/1", Value.of(1));   // nowhere to go: dropped, counted
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail())
                .endsWith(", dropped 1 (last: no output port: " + B + "/ch/1/cc/1)"));

        LoopbackProvider.plugIn();
        await().atMost(WAIT).until(() -> harness.state("loop").state() == PluginState.ONLINE);
        assertThat(LOOP.opened()).isEqualTo(2);
        LOOP.play(Vectors.Row.bytes("B0 07 64"));
        await().atMost(WAIT).until(() -> clasp.lines().contains("SET " + B + "/ch/1/cc/7 INT:100"));
        writer.set(B + "/ch/1/cc/2", Value.of(2));
        assertThat(hex(LOOP.next())).isEqualTo("B0 02 02");
    }

    @Test
    void aDeviceClosedUnderTheBridgeIsOpenedAgainAndOneThatCannotOpenIsRetried() throws Exception {
        harness.bridge("loop", BOTH_WAYS);
        LocalSession writer = harness.session();
        LOOP.refuseOpen("in use by another program");
        LOOP.close();   // as a driver closes a device that failed
        writer.set(B + "/ch/1/cc/1", Value.of(1));   // the output fails: let go at once, the write dropped
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.state("loop").state()).isEqualTo(PluginState.OFFLINE);
            assertThat(harness.state("loop").detail()).startsWith("in: waiting for a port named like '" + LOOPBACK
                    + "' (cannot open " + LOOPBACK + ": in use by another program), out: waiting for a port named like '"
                    + LOOPBACK + "' (cannot open " + LOOPBACK + ": in use by another program); " + B + "; ");
            assertThat(harness.state("loop").detail()).endsWith(", dropped 1 (last: no output port: " + B + "/ch/1/cc/1)");
        });

        LOOP.refuseOpen(null);
        await().atMost(WAIT).until(() -> harness.state("loop").state() == PluginState.ONLINE);
        assertThat(LOOP.isOpen()).isTrue();
        assertThat(LOOP.listeners()).isEqualTo(1);
        writer.set(B + "/ch/1/cc/2", Value.of(2));
        assertThat(hex(LOOP.next())).isEqualTo("B0 02 02");
        Observer clasp = harness.observe("/midi/**");
        LOOP.play(Vectors.Row.bytes("C0 01"));
        await().atMost(WAIT).until(() -> clasp.lines().contains("SET " + B + "/ch/1/program INT:1"));
    }

    @Test
    void removingTheBridgeClosesTheDeviceAndLeavesNoThread() throws Exception {
        Observer clasp = harness.observe("/midi/**");
        harness.bridge("loop", BOTH_WAYS);
        LOOP.play(Vectors.Row.bytes("90 3C 64"));
        await().atMost(WAIT).until(() -> clasp.size() == 2);

        harness.remove("loop");
        assertThat(harness.present("loop")).isFalse();
        assertThat(LOOP.isOpen()).isFalse();
        assertThat(LOOP.listeners()).isZero();
        LOOP.play(Vectors.Row.bytes("80 3C 00"));   // nobody listens any more
        assertThat(threads()).isEmpty();
        assertThat(clasp.messages()).hasSize(2);
    }

    @Test
    void twoInstancesShareADeviceWhichTheLastOneCloses() throws Exception {
        harness.bridge("a", BOTH_WAYS);
        harness.bridge("b", Map.of("inputDevice", "none", "outputDevice", "loopback"));
        assertThat(harness.state("b").detail()).startsWith("in: none, out: " + LOOPBACK + "; /midi/loopback; ");
        harness.remove("a");
        assertThat(LOOP.isOpen()).isTrue();
        harness.session().set("/midi/loopback/ch/3/program", Value.of(9));
        assertThat(hex(LOOP.next())).isEqualTo("C2 09");
        harness.remove("b");
        assertThat(LOOP.isOpen()).isFalse();
    }

    @Test
    void normalizeScaleAndClockBeatsApplyThroughTheBridge() throws Exception {
        Observer clasp = harness.observe("/midi/**");
        harness.bridge("n", Map.of("inputDevice", LOOPBACK, "outputDevice", "none", "device", "n", "normalize", "true"));
        LOOP.play(Vectors.Row.bytes("E0 00 00"));
        await().atMost(WAIT).until(() -> clasp.lines().contains("SET /midi/n/ch/1/bend FLOAT:-1.0"));
        harness.remove("n");

        harness.bridge("s", Map.of("inputDevice", LOOPBACK, "outputDevice", LOOPBACK, "device", "s", "scale", "-127",
                "offset", "127", "cc14", "true"));
        LOOP.play(Vectors.Row.bytes("B0 47 00"));
        await().atMost(WAIT).until(() -> clasp.lines().contains("SET /midi/s/ch/1/cc/71 FLOAT:1.0"));
        harness.session().set("/midi/s/ch/1/cc/71", Value.of(0.0));
        assertThat(hex(LOOP.next())).isEqualTo("B0 47 7F");
        harness.session().set("/midi/s/ch/1/cc/1", Value.of(1.0));
        assertThat(hex(LOOP.next())).isEqualTo("B0 01 00");
        assertThat(hex(LOOP.next())).isEqualTo("B0 21 00");
        harness.remove("s");

        harness.bridge("c", Map.of("inputDevice", LOOPBACK, "outputDevice", "none", "device", "c"));   // clock=beats
        LOOP.play(Vectors.Row.bytes("FA"));
        for (int i = 0; i < 25; i++) LOOP.play(Vectors.Row.bytes("F8"));
        LOOP.play(Vectors.Row.bytes("FC"));
        await().atMost(WAIT).until(() -> clasp.lines().contains("PUBLISH EVENT /midi/c/transport STRING:\"stop\""));
        assertThat(clasp.lines().stream().filter(l -> l.contains("/midi/c/")).toList()).containsExactly(
                "PUBLISH EVENT /midi/c/transport STRING:\"start\"", "PUBLISH EVENT /midi/c/beat INT:0",
                "PUBLISH EVENT /midi/c/beat INT:1", "PUBLISH EVENT /midi/c/transport STRING:\"stop\"");
    }

    @Test
    void malformedInputIsCountedWithItsReasonAndTheInputGoesOn() {
        Observer clasp = harness.observe("/midi/**");
        harness.bridge("loop", BOTH_WAYS);
        LOOP.play(Vectors.Row.bytes("90 3C"), Vectors.Row.bytes("F7 01 F7"), Vectors.Row.bytes("B0 01 02"));
        await().atMost(WAIT).until(() -> clasp.size() == 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail()).endsWith(
                "; in 3 messages, 1 written, out 0 messages, malformed 2 (last: SysEx continuation without a start: F7 01 F7)"));
    }

    @Test
    void whatTheRouterRefusesIsCountedWithItsReason() throws Exception {
        harness.bridge("loop", BOTH_WAYS);
        LocalSession desk = harness.session();
        desk.set(new SetMessage(B + "/ch/1/cc/7", Value.of(1), null, true, false, null));   // locked by the desk
        assertThat(hex(LOOP.next())).isEqualTo("B0 07 01");
        LOOP.play(Vectors.Row.bytes("B0 07 64"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("loop").detail())
                .contains("; in 1 messages, 0 written, out 1 messages, dropped 1 (last: router refused " + B + "/ch/1/cc/7: "));
        assertThat(harness.param(B + "/ch/1/cc/7").value()).isEqualTo(Value.of(1));
    }

    @Test
    void portsAreChosenByNameNeverASynthesizerOrSequencer() {
        harness.bridge("rx", Map.of("inputDevice", "regex:^clasp\\s+TEST", "outputDevice", "none", "device", "rx"));
        assertThat(harness.state("rx").detail()).startsWith("in: " + LOOPBACK + ", out: none; /midi/rx; ");

        harness.add("java", Map.of("inputDevice", "Real Time Sequencer", "outputDevice", "Gervill"));
        harness.add("nosuch", Map.of("inputDevice", "nosuch", "outputDevice", "none"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.state("java").state()).isEqualTo(PluginState.CONNECTING);
            assertThat(harness.state("java").detail()).startsWith("in: waiting for a port named like 'Real Time Sequencer', "
                    + "out: waiting for a port named like 'Gervill'; /midi/real-time-sequencer; in 0 messages");
            assertThat(harness.state("nosuch").detail()).startsWith("in: waiting for a port named like 'nosuch', out: none; /midi/nosuch;");
        });
    }

    @Test
    void aBadConfigurationFailsWithItsReasons() {
        harness.add("bad", Map.of("inputDevice", "regex:[", "outputDevice", "none", "clock", "sometimes", "scale", "0",
                "namespace", "/midi/", "device", "a/b"));
        await().atMost(WAIT).until(() -> harness.state("bad").state() == PluginState.FAILED);
        assertThat(harness.state("bad").detail()).contains("invalid configuration: namespace must not end with '/' or hold '*': /midi/; "
                + "inputDevice: not a regular expression: [ (Unclosed character class); inputDevice and outputDevice are both none; "
                + "device must be one address segment without '/' or '*': a/b; scale must be a finite number other than 0, not 0.0; "
                + "clock must be beats, all or off, is sometimes");
    }

    @Test
    void aMidiDeviceProviderRegisteredAsAServiceProvidesPorts() throws Exception {
        Loopback service = new Loopback("CLASP Service Loopback");
        MidiBridge bridge = new MidiBridge(MidiSettings.from(Harness.config(Map.of("inputDevice", "service loopback",
                "outputDevice", "service loopback"))));
        bridge.addProvider(new MidiDeviceProvider() {
            @Override public MidiDevice.Info[] getDeviceInfo() { return new MidiDevice.Info[] {service.getDeviceInfo()}; }

            @Override public MidiDevice getDevice(MidiDevice.Info info) { return service; }
        });
        harness.add("svc", bridge);
        await().atMost(WAIT).until(() -> harness.state("svc").state() == PluginState.ONLINE);
        harness.session().set("/midi/service-loopback/ch/1/pressure", Value.of(3));
        assertThat(hex(service.next())).isEqualTo("D0 03");
        harness.remove("svc");
        assertThat(service.isOpen()).isFalse();
    }

    // ---- helpers

    private static List<Vectors.Row> rows() {
        List<Vectors.Row> rows = new ArrayList<>(Vectors.TABLE);
        rows.addAll(Vectors.MORE);
        rows.add(Vectors.CLOCK);
        return rows;
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> all = new java.util.HashMap<>(base);
        all.put(key, value);
        return all;
    }

    private static void write(LocalSession writer, Message m) throws Exception {
        if (m instanceof SetMessage s) writer.set(s);
        else writer.publish((PublishMessage) m);
    }

    private static List<String> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("clasp-bridge-midi")).toList();
    }
}
