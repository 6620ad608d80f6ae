package clasp.examples.lfo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.api.router.PluginState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bridge driven as the router drives it, on a fake context and a clock the test moves. */
class LfoBridgeTest {
    private final FakeContext context = new FakeContext();
    private long now = 1_000_000_000L;

    private LfoBridge open(TestConfig config) throws Exception {
        LfoBridge bridge = new LfoBridge(LfoSettings.from(config), () -> now);
        bridge.open(context);
        return bridge;
    }

    /** Runs one tick after {@code seconds} and returns what it wrote. */
    private List<Message> tickAfter(double seconds) {
        now += Math.round(seconds * 1e9);
        context.written.clear();
        context.periodic.run();
        return new ArrayList<>(context.written);
    }

    @Test
    void openWritesTheRateSubscribesToItAndSchedulesTheTicks() throws Exception {
        open(new TestConfig());

        assertEquals(List.of(new SetMessage("/lfo/demo/rate", Value.of(0.5))), context.written);
        assertEquals("/lfo/demo/rate", context.subscribed);
        assertEquals(Set.of(SignalType.PARAM), context.subscribedTypes);
        assertEquals(Math.round(1e9 / 30), context.periodNanos);
        assertEquals(PluginState.ONLINE, context.state);
        assertEquals("4 waveforms at 30 Hz, 0.5 Hz", context.detail);
    }

    @Test
    void everyTickSetsEachWaveformAtThePhaseTheElapsedTimeGives() throws Exception {
        open(new TestConfig());

        assertEquals(List.of(set("/lfo/demo/sine", 0), set("/lfo/demo/triangle", 0), set("/lfo/demo/square", 1),
                set("/lfo/demo/saw", 0)), tickAfter(0));
        // 0.5 s at 0.5 Hz: a quarter cycle
        assertEquals(List.of(set("/lfo/demo/sine", 1), set("/lfo/demo/triangle", 1), set("/lfo/demo/square", 1),
                set("/lfo/demo/saw", 0.5)), tickAfter(0.5));
        // a tick that comes 1 s late catches up: half a cycle more, at three quarters
        assertEquals(List.of(set("/lfo/demo/sine", -1), set("/lfo/demo/triangle", -1), set("/lfo/demo/square", -1),
                set("/lfo/demo/saw", -0.5)), tickAfter(1.0));
    }

    @Test
    void clientsChangeTheFrequencyThroughTheRateParam() throws Exception {
        TestConfig c = new TestConfig();
        c.rateHz = 20;
        open(c);
        tickAfter(0);
        context.written.clear();

        context.clientSets("/lfo/demo/rate", Value.of(2.0));
        assertEquals(List.of(), context.written, "a value in range is not written back");
        assertEquals("4 waveforms at 20 Hz, 2 Hz", context.detail);
        assertEquals(set("/lfo/demo/sine", 1), tickAfter(0.125).get(0), "a quarter cycle at 2 Hz");

        context.written.clear();
        context.clientSets("/lfo/demo/rate", Value.of(3L));
        assertEquals(List.of(), context.written, "an integer is a number too");
        assertEquals("4 waveforms at 20 Hz, 3 Hz", context.detail);
    }

    @Test
    void aRateOutOfRangeIsClampedAndTheUsedValueWrittenBack() throws Exception {
        TestConfig c = new TestConfig();
        c.rateHz = 20;
        open(c);
        context.written.clear();

        context.clientSets("/lfo/demo/rate", Value.of(100.0));
        assertEquals(List.of(set("/lfo/demo/rate", 10)), context.written);
        assertEquals("4 waveforms at 20 Hz, 10 Hz", context.detail);

        context.written.clear();
        context.clientSets("/lfo/demo/rate", Value.of("fast"));
        assertEquals(List.of(set("/lfo/demo/rate", 10)), context.written, "not a number: the current value stands");

        context.written.clear();
        context.clientSets("/lfo/demo/rate", Value.of(-1.0));
        assertEquals(List.of(set("/lfo/demo/rate", 0)), context.written);
        assertEquals("4 waveforms at 20 Hz, 0 Hz", context.detail);
    }

    @Test
    void streamModePublishesStreamSamplesOfTheChosenWaveforms() throws Exception {
        TestConfig c = new TestConfig();
        c.signal = "stream";
        c.waveforms = new String[] {"square"};
        open(c);
        assertEquals("1 waveform at 30 Hz, 0.5 Hz, as stream samples", context.detail);

        List<Message> written = tickAfter(0);
        assertEquals(1, written.size());
        PublishMessage p = (PublishMessage) written.get(0);
        assertEquals("/lfo/demo/square", p.address());
        assertEquals(SignalType.STREAM, p.signal());
        assertEquals(Value.of(1.0), p.value());
    }

    @Test
    void configurationProblemsShowInTheStatus() throws Exception {
        TestConfig c = new TestConfig();
        c.waveforms = new String[] {"sine,noise"};
        open(c);
        assertEquals("1 waveform at 30 Hz, 0.5 Hz (unknown waveform 'noise' ignored)", context.detail);
    }

    @Test
    void closeCancelsTheTicksAndUnsubscribes() throws Exception {
        LfoBridge bridge = open(new TestConfig());
        FakeContext.Task ticks = context.task;

        bridge.close();
        assertTrue(ticks.cancelled);
        assertTrue(context.unsubscribed);
        assertNull(context.listener);
        bridge.close(); // twice is harmless
    }

    @Test
    void thePeriodFollowsTheRate() throws Exception {
        TestConfig c = new TestConfig();
        c.rateHz = 1000;
        open(c);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(1), context.periodNanos);
    }

    private static SetMessage set(String address, double value) {
        return new SetMessage(address, Value.of(value));
    }
}
