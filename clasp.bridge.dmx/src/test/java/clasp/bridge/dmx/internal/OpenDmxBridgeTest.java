package clasp.bridge.dmx.internal;

import static clasp.bridge.dmx.internal.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.Value;
import clasp.api.GesturePhase;
import clasp.api.SignalType;
import clasp.api.message.PublishMessage;
import clasp.api.router.PluginState;
import clasp.bridge.dmx.PortSettings;
import clasp.bridge.dmx.internal.FakePorts.Event;
import clasp.bridge.dmx.internal.FakePorts.Kind;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bridge with an Open DMX interface, on a fake port that records every break, clear and write with its time:
 * the line settings asked for, the byte layout of a frame, break and mark-after-break at least as long as
 * configured, the continuous refresh, and the device unplugged and plugged in again.
 */
class OpenDmxBridgeTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();
    private final Harness harness = new Harness();
    private final FakePorts ports = new FakePorts();

    @AfterEach
    void close() {
        harness.close();
        assertThat(Threads.ofBridges()).as("threads left after close").isEmpty();
        assertThat(ports.links).allMatch(l -> l.closed);
    }

    private void add(String id, Object... keyValues) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("port", "/dev/fake", "interfaceType", "open-dmx",
                "reopenIntervalMillis", "20"));
        for (int i = 0; i < keyValues.length; i += 2) config.put((String) keyValues[i], keyValues[i + 1]);
        harness.add(id, ports, config);
    }

    private static List<Event> writes(List<Event> events) {
        return events.stream().filter(e -> e.kind() == Kind.WRITE).toList();
    }

    @Test
    void eachFrameIsABreakThenAMarkThenStartCodeZeroAndTheSlotsOnA250000Baud8N2Line() throws Exception {
        add("open", "slots", "8", "breakMicros", "200", "mabMicros", "30");
        harness.awaitState("open", PluginState.ONLINE);
        assertThat(ports.opens).first().isEqualTo(new FakePorts.Open("/dev/fake", new PortSettings(250_000, 8, 2, 100)));

        harness.set("/dmx/0/1", Value.of(1.0));
        harness.set("/dmx/2", Value.of(10));          // the alias of universe 0
        harness.set("/dmx/0/8", Value.of(0.5));
        harness.set("/dmx/0/9", Value.of(99));        // beyond the 8 slots sent
        byte[] expected = {0, (byte) 255, 10, 0, 0, 0, 0, 0, (byte) 128};
        await().atMost(WAIT).until(() -> writes(ports.events()).stream().anyMatch(w -> Arrays.equals(w.bytes(), expected)));

        List<Event> events = ports.events();
        int checked = 0;
        for (int i = 2; i < events.size(); i++) {
            if (events.get(i).kind() != Kind.WRITE) continue;
            Event on = events.get(i - 2);
            Event off = events.get(i - 1);
            Event write = events.get(i);
            assertThat(on.kind()).isEqualTo(Kind.BREAK_ON);
            assertThat(off.kind()).isEqualTo(Kind.BREAK_OFF);
            assertThat(off.at() - on.at()).as("break").isGreaterThanOrEqualTo(200_000);
            assertThat(write.at() - off.at()).as("mark after break").isGreaterThanOrEqualTo(30_000);
            assertThat(write.bytes()).hasSize(9);
            assertThat(write.bytes()[0]).as("start code").isZero();
            checked++;
        }
        assertThat(checked).isGreaterThan(0);
        assertThat(events.get(0).kind()).isEqualTo(Kind.BREAK_ON);
        assertThat(harness.state("open").detail()).startsWith("open-dmx on /dev/fake, universe 0 (8 slots) at 40 Hz; "
                + "break 200 µs, MAB 30 µs, 250000 baud 8N2; out ");
    }

    @Test
    void theDefaultTimingIsABreakOf176AndAMarkOf12Microseconds() {
        add("timing");
        await().atMost(WAIT).until(() -> writes(ports.events()).size() >= 5);
        List<Event> events = ports.events();
        for (int i = 2; i < events.size(); i++) {
            if (events.get(i).kind() != Kind.WRITE) continue;
            assertThat(events.get(i - 1).at() - events.get(i - 2).at()).isGreaterThanOrEqualTo(176_000);
            assertThat(events.get(i).at() - events.get(i - 1).at()).isGreaterThanOrEqualTo(12_000);
            assertThat(events.get(i).bytes()).hasSize(513);
        }
    }

    @Test
    void framesKeepComingWithoutChangesCarryingTheLook() throws Exception {
        add("refresh", "slots", "4");
        harness.set("/dmx/0/4", Value.of(44));
        byte[] look = {0, 0, 0, 0, 44};
        await().atMost(WAIT).until(() -> writes(ports.events()).stream().anyMatch(w -> Arrays.equals(w.bytes(), look)));
        int before = writes(ports.events()).size();
        await().atMost(WAIT).until(() -> writes(ports.events()).size() >= before + 10);
        List<Event> after = writes(ports.events()).subList(before, before + 10);
        assertThat(after).allSatisfy(w -> assertThat(HEX.formatHex(w.bytes())).isEqualTo("00 00 00 00 2C"));
    }

    @Test
    void publishedEventsAndStreamSamplesSetSlotsToo() throws Exception {
        add("publish", "slots", "2");
        harness.awaitState("publish", PluginState.ONLINE);   // subscribed: PUBLISHes are not stored for later
        harness.publish(PublishMessage.event("/dmx/0/1", Value.of(0.2)));
        harness.publish(new PublishMessage("/dmx/2", SignalType.STREAM, null, new double[] {0.1, 1.0}, null, null,
                GesturePhase.START, null));
        await().atMost(WAIT).until(() -> writes(ports.events()).stream()
                .anyMatch(w -> HEX.formatHex(w.bytes()).equals("00 33 FF")));   // 0.2 x 255 = 51; the last sample
    }

    @Test
    void aDeviceUnpluggedShowsConnectingAndPluggedInAgainGetsTheCurrentLookAtOnce() throws Exception {
        add("plug", "slots", "2");
        harness.set("/dmx/0/1", Value.of(200));
        harness.set("/dmx/0/2", Value.of(100));
        await().atMost(WAIT).until(() -> writes(ports.events()).stream().anyMatch(w -> w.bytes()[1] == (byte) 200 && w.bytes()[2] == 100));

        ports.unplug();
        await().atMost(WAIT).until(() -> harness.state("plug").state() == PluginState.CONNECTING
                && harness.state("plug").detail().startsWith("cannot open /dev/fake: no such device (error 2); trying again every 20 ms"));
        assertThat(ports.links).hasSize(1).allMatch(l -> l.closed);

        ports.plugIn();
        harness.awaitState("plug", PluginState.ONLINE);
        await().atMost(WAIT).until(() -> ports.links.size() == 2 && !writes(ports.links.get(1).events).isEmpty());
        assertThat(HEX.formatHex(writes(ports.links.get(1).events).get(0).bytes())).isEqualTo("00 C8 64");
    }

    @Test
    void aFailureOnAnOpenPortIsReportedWithItsReason() throws Exception {
        add("gone", "slots", "1", "reopenIntervalMillis", "60000");
        await().atMost(WAIT).until(() -> !writes(ports.events()).isEmpty());
        ports.unplug();
        await().atMost(WAIT).until(() -> harness.state("gone").state() == PluginState.CONNECTING);
        assertThat(harness.state("gone").detail()).startsWith("/dev/fake failed (write failed: input/output error (error 5): "
                + "the device is gone); reopening it every 60000 ms; out ");
    }
}
