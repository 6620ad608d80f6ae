package clasp.bridge.dmx.internal;

import static clasp.bridge.dmx.internal.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.router.PluginState;
import clasp.test.peers.router.Observer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge in the real router against an ENTTEC DMX USB Pro on the far side of a socat pty pair (the test's
 * {@link EnttecWidget}), through jSerialComm: the widget set up at open, byte-exact label 6 frames for SETs, the
 * refresh without changes, received DMX as SETs, malformed bytes counted, the device unplugged and plugged in again,
 * and a new instance starting from the stored look.
 */
@Timeout(120)
class EnttecBridgeTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @TempDir
    Path dir;

    private final Harness harness = new Harness();
    private SocatPty pty;
    private EnttecWidget widget;
    private Path device;

    @BeforeEach
    void start() throws IOException {
        pty = new SocatPty(dir, "tty").start();
        device = pty.deviceA();
        widget = new EnttecWidget(pty.ttyB);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        assertThat(Threads.ofBridges()).as("threads left after close").isEmpty();
        assertThat(openFiles()).as("the bridge's port left open").doesNotContain(device);
        widget.close();
        pty.close();
        assertThat(widget.problem).isNull();
    }

    /** The files this JVM has open. */
    private static List<Path> openFiles() throws IOException {
        List<Path> open = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return open;
    }

    private void add(String id, Object... keyValues) {
        Map<String, Object> config = new HashMap<>(Map.of("port", pty.ttyA.toString(), "reopenIntervalMillis", "50"));
        for (int i = 0; i < keyValues.length; i += 2) config.put((String) keyValues[i], keyValues[i + 1]);
        harness.add(id, new JSerialCommPorts(), config);
    }

    private void awaitFrame(String hex) {
        await("a label 6 frame " + hex).atMost(WAIT).until(() -> widget.messages(6).stream()
                .anyMatch(m -> HEX.formatHex(m.bytes()).equals(hex)));
    }

    private static String frame(String slots24) {
        return "7E 06 19 00 00 " + slots24 + " E7";
    }

    @Test
    void theWidgetIsSetUpAtOpenAndSetsGoOutAsByteExactLabel6Frames() throws Exception {
        add("pro", "slots", "8");
        harness.awaitState("pro", PluginState.ONLINE);
        await().atMost(WAIT).until(() -> widget.frameCount() > 0);
        List<EnttecWidget.Message> first = widget.messages().subList(0, 3);
        assertThat(first).extracting(m -> HEX.formatHex(m.bytes())).containsExactly(
                "7E 04 05 00 00 00 11 02 28 E7",   // break 17 x 10.67 µs, MAB 2 x 10.67 µs, 40 frames/s
                "7E 03 02 00 00 00 E7",
                frame("00".repeat(1) + " 00".repeat(23)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("pro").detail()).startsWith(
                "enttec-pro on " + pty.ttyA + ", universe 0 (8 slots) at 40 Hz; widget firmware 0144, break 181 µs, "
                        + "MAB 21 µs, 40 frames/s; out "));

        harness.set("/dmx/0/1", Value.of(0.5));     // Float: normalised, round(0.5 x 255)
        harness.set("/dmx/0/2", Value.of(300));     // Int: clamped
        harness.set("/dmx/3", Value.of(true));      // the alias of universe 0
        harness.set("/dmx/0/4", Value.of(-5));
        harness.set("/dmx/0/5", Value.of(1.7));
        harness.set("/dmx/0/8", Value.of(7));
        harness.set("/dmx/0/9", Value.of(9));       // beyond the 8 slots sent: kept, not sent
        harness.set("/dmx/7/1", Value.of(255));     // another universe: not this bridge's
        awaitFrame(frame("80 FF FF 00 FF 00 00 07" + " 00".repeat(16)));

        harness.set("/dmx/0/3", Value.of(false));
        awaitFrame(frame("80 FF 00 00 FF 00 00 07" + " 00".repeat(16)));
        assertThat(harness.state("pro").state()).isEqualTo(PluginState.ONLINE);
    }

    @Test
    void whatCannotBeASlotIsDroppedWithItsReason() throws Exception {
        add("drop", "slots", "24");
        harness.awaitState("drop", PluginState.ONLINE);
        harness.set("/dmx/0/600", Value.of(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("drop").detail())
                .endsWith("dropped 1 (last: /dmx/0/600 is not a channel 1-512 of /dmx/0)"));
        harness.set("/dmx/0/2", Value.of("bright"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("drop").detail())
                .endsWith("dropped 2 (last: /dmx/0/2: STRING is no slot value)"));
        harness.set("/dmx/0/1", Value.of(1));
        awaitFrame(frame("01" + " 00".repeat(23)));
    }

    @Test
    void aScaleMapsAFaderOntoTheSlots() throws Exception {
        add("scaled", "slots", "3", "scale", "-255", "offset", "255");
        harness.set("/dmx/0/1", Value.of(1.0));
        harness.set("/dmx/0/2", Value.of(0.25));
        awaitFrame(frame("00 BF 00" + " 00".repeat(21)));   // slot 3 never set: 0
    }

    @Test
    void unchangedFramesKeepComingAtTheRefreshRate() throws Exception {
        add("refresh", "slots", "2", "refreshHz", "40");
        harness.set("/dmx/0/2", Value.of(2));
        awaitFrame(frame("00 02" + " 00".repeat(22)));
        int before = widget.frameCount();
        Thread.sleep(1_000);   // a measuring window, not a wait for something to settle
        List<EnttecWidget.Message> frames = widget.messages(6);
        assertThat(frames.size() - before).as("frames in about a second at 40 Hz").isGreaterThanOrEqualTo(10);
        assertThat(frames.subList(before, frames.size())).extracting(m -> HEX.formatHex(m.bytes()))
                .containsOnly(frame("00 02" + " 00".repeat(22)));
    }

    @Test
    void receivedDmxBecomesSetsOfTheSlotsThatChangedOnly() throws Exception {
        Observer input = harness.observe("/dmx/1/**");
        add("in", "input", "always", "slots", "24");
        harness.awaitState("in", PluginState.ONLINE);
        await().atMost(WAIT).until(() -> !widget.messages(8).isEmpty());
        assertThat(HEX.formatHex(widget.messages(8).get(0).bytes())).isEqualTo("7E 08 01 00 00 E7");

        widget.receive(0, 10, 0, 20);
        await().atMost(WAIT).until(() -> input.size() == 2);
        widget.receive(0, 10, 5, 20);
        widget.write(EnttecWidget.message(9, 0, 0b0000_0100, 0, 0, 0, 0, 99));   // change of state: slot 2 = 99
        await().atMost(WAIT).until(() -> input.size() == 4);
        assertThat(input.setLines()).containsExactly("/dmx/1/2=INT:10", "/dmx/1/4=INT:20", "/dmx/1/3=INT:5", "/dmx/1/2=INT:99");
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("in").detail())
                .contains(", input universe 1 (always); widget firmware 0144")
                .contains("; out ").contains(" frames, in 3 frames, 4 written"));
        // the input is not the output: nothing of it went out
        assertThat(widget.lastFrame()).containsOnly(0);
    }

    @Test
    void normalizedInputArrivesAsFloats() throws Exception {
        Observer input = harness.observe("/in/**");
        add("norm", "input", "changes", "namespace", "/in", "universe", "5", "inputUniverse", "6", "normalize", "true");
        await().atMost(WAIT).until(() -> !widget.messages(8).isEmpty());
        assertThat(HEX.formatHex(widget.messages(8).get(0).bytes())).isEqualTo("7E 08 01 00 01 E7");
        widget.write(EnttecWidget.message(9, 0, 0b0000_0010, 0, 0, 0, 0, 51));
        await().atMost(WAIT).until(() -> input.size() == 1);
        assertThat(input.setLines()).containsExactly("/in/6/1=FLOAT:0.2");
    }

    @Test
    void malformedWidgetBytesAreCountedAndTheBridgeGoesOn() throws Exception {
        Observer input = harness.observe("/dmx/1/**");
        add("bad", "input", "always", "slots", "24");
        harness.awaitState("bad", PluginState.ONLINE);
        widget.write(new byte[] {1, 2, 3});
        widget.write(HexFormat.of().parseHex("7E0502000000AA"));   // no E7 where it ends
        widget.receive(0, 0);                                      // resynchronised: a whole message
        widget.write(EnttecWidget.message(5, 1, 0, 9));            // marked bad by the widget
        widget.write(EnttecWidget.message(9, 0, 0b0000_0110, 0, 0, 0, 0, 5));   // two changes marked, one carried
        widget.receive(42);
        await().atMost(WAIT).until(() -> input.size() == 1);
        assertThat(input.setLines()).containsExactly("/dmx/1/1=INT:42");
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("bad").detail())
                .contains(", malformed 3 (last: change-of-state message marks 2 changed bytes but carries 1), dropped 1 "
                        + "(last: a received packet the widget marked bad (status 01: its receive queue overflowed))"));
        assertThat(harness.state("bad").state()).isEqualTo(PluginState.ONLINE);
        harness.set("/dmx/0/24", Value.of(24));
        awaitFrame(frame("00 ".repeat(23) + "18"));
    }

    @Test
    void theDeviceUnpluggedShowsConnectingAndWhenItReturnsGetsTheCurrentLookFirst() throws Exception {
        add("plug", "slots", "2");
        harness.set("/dmx/0/1", Value.of(200));
        harness.set("/dmx/2", Value.of(100));
        String look = frame("C8 64" + " 00".repeat(22));
        awaitFrame(look);

        widget.close();
        pty.kill();
        await().atMost(WAIT).until(() -> harness.state("plug").state() == PluginState.CONNECTING);
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.state("plug").detail())
                .startsWith("cannot open " + pty.ttyA + ": "));
        assertThat(openFiles()).doesNotContain(device);

        pty.start();
        device = pty.deviceA();
        widget = new EnttecWidget(pty.ttyB);
        harness.awaitState("plug", PluginState.ONLINE);
        await().atMost(WAIT).until(() -> widget.frameCount() > 0);
        assertThat(widget.messages()).extracting(m -> HEX.formatHex(m.bytes())).startsWith(
                "7E 04 05 00 00 00 11 02 28 E7", "7E 03 02 00 00 00 E7", look);
    }

    @Test
    void aNewInstanceStartsFromTheStoredLookNotFromZeros() throws Exception {
        add("first", "slots", "3");
        harness.set("/dmx/0/1", Value.of(11));
        harness.set("/dmx/0/2", Value.of(22));
        harness.set("/dmx/2", Value.of(33));   // later than /dmx/0/2: the alias wins
        String look = frame("0B 21 00" + " 00".repeat(21));
        awaitFrame(look);
        harness.remove("first");
        int before = widget.messages().size();

        add("second", "slots", "3");
        await().atMost(WAIT).until(() -> widget.messages().size() > before + 2);
        List<EnttecWidget.Message> swapped = widget.messages();
        assertThat(swapped.subList(before, before + 3)).extracting(m -> HEX.formatHex(m.bytes()))
                .containsExactly("7E 04 05 00 00 00 11 02 28 E7", "7E 03 02 00 00 00 E7", look);
        System.out.printf("re-created instance: its first frame %.1f ms after the last frame of the one it replaced%n",
                (swapped.get(before + 2).at() - swapped.get(before - 1).at()) / 1e6);
    }

    @Test
    void anInvalidConfigurationFailsTheInstanceNamingTheProblem() {
        harness.add("wrong", new JSerialCommPorts(), Map.of("port", pty.ttyA.toString(), "refreshHz", "100"));
        harness.awaitState("wrong", PluginState.FAILED);
        assertThat(harness.state("wrong").detail()).contains("invalid configuration: refreshHz must be 1-44, is 100");
    }
}
