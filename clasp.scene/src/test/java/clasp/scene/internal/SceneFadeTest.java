package clasp.scene.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.SignalType;
import clasp.api.Value;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import clasp.router.internal.clock.Micros;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall with a fade: the router's timeline player moves each number along the line; the rest is set at the start. */
class SceneFadeTest {
    private static final long FADE_MS = 600;
    /** The player's frame grid: 60 frames a second (the timeline's default rate). */
    private static final double FRAME_MICROS = 1_000_000d / 60;

    @TempDir Path folder;
    private RouterFixture fixture;
    private SceneComponent scenes;

    @BeforeEach
    void start() {
        fixture = new RouterFixture(folder.resolve("scenes"));
        scenes = fixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aFadedFloatFollowsTheLinearCurveAndEndsExactlyOnTheStoredValue() throws Exception {
        fixture.set("/look/dimmer", Value.of(1.0));
        fixture.set("/look/pan", Value.of(1000L));
        fixture.set("/look/color", Value.of("red"));
        fixture.set("/look/flag", Value.of(true));
        scenes.save("look", "/look/*");
        fixture.set("/look/dimmer", Value.of(0.0));
        fixture.set("/look/pan", Value.of(0L));
        fixture.set("/look/color", Value.of("blue"));
        fixture.set("/look/flag", Value.of(true));
        List<RouterFixture.Seen> seen = fixture.observe("/look/*");

        long before = Micros.now();
        assertThat(scenes.recall("look", FADE_MS))
                .isEqualTo("recalled look: 2 params fading over 600 ms, 1 set at once, 1 already there");

        await().atMost(Duration.ofSeconds(20)).until(() -> Value.of(1.0).equals(fixture.value("/look/dimmer"))
                && Value.of(1000L).equals(fixture.value("/look/pan")));
        List<RouterFixture.Seen> dimmer = at(seen, "/look/dimmer");
        assertOnTheLine(dimmer, before, 0.0, 1.0);
        assertThat(dimmer.get(dimmer.size() - 1).set().value()).isEqualTo(Value.of(1.0));

        List<RouterFixture.Seen> pan = at(seen, "/look/pan");
        assertThat(pan).allMatch(s -> s.set().value() instanceof IntValue);
        assertThat(pan.stream().mapToLong(s -> ((IntValue) s.set().value()).value()).toArray()).isSorted();
        assertThat(pan.get(pan.size() - 1).set().value()).isEqualTo(Value.of(1000L));

        List<RouterFixture.Seen> color = at(seen, "/look/color");
        assertThat(color).extracting(s -> s.set().value()).containsExactly(Value.of("red"));
        assertThat(seen.indexOf(color.get(0))).isLessThan(seen.indexOf(dimmer.get(0)));
        assertThat(at(seen, "/look/flag")).isEmpty();
    }

    /**
     * Each value read back as a position on the line (value - from) / (to - from) × fade: it is on the player's frame
     * grid, never ahead of the time it arrived since the recall began, and behind that time by no more than the
     * largest gap between two arrivals and one frame (how late a frame can come when the clock thread is late, since
     * the player skips frames rather than bunching them). The first is the start value exactly, the values rise.
     */
    private static void assertOnTheLine(List<RouterFixture.Seen> sets, long before, double from, double to) {
        assertThat(sets.size()).isGreaterThan(3);
        assertThat(sets.get(0).set().value()).isEqualTo(Value.of(from));
        long first = sets.get(0).atMicros();
        long maxGap = 0;
        for (int i = 1; i < sets.size(); i++) maxGap = Math.max(maxGap, sets.get(i).atMicros() - sets.get(i - 1).atMicros());
        double tolerance = maxGap + FRAME_MICROS + (first - before);
        double previous = -1;
        for (RouterFixture.Seen s : sets) {
            double v = ((FloatValue) s.set().value()).value();
            double position = (v - from) / (to - from) * FADE_MS * 1_000;
            long frame = Math.round(position / FRAME_MICROS);
            double onGrid = Math.min(Math.round(frame * FRAME_MICROS), FADE_MS * 1_000);
            assertThat(position).as("position of %s on the frame grid", v).isCloseTo(onGrid, org.assertj.core.data.Offset.offset(0.5));
            assertThat(position).as("value %s at %d us", v, s.atMicros() - before).isGreaterThan(previous)
                    .isLessThanOrEqualTo(s.atMicros() - before)
                    .isGreaterThanOrEqualTo(s.atMicros() - first - tolerance);
            previous = position;
        }
    }

    @Test
    void aRecallAtOnceStopsAFadeStillRunningSoTheStoredValueStays() throws Exception {
        fixture.set("/x", Value.of(0.0));
        scenes.save("dark", "/x");
        fixture.set("/x", Value.of(1.0));
        scenes.save("bright", "/x");
        fixture.set("/x", Value.of(0.0));
        List<Message> seen = new CopyOnWriteArrayList<>();
        fixture.session("watch").subscribe("/x", Set.of(SignalType.PARAM, SignalType.TIMELINE), seen::add);

        scenes.recall("bright", FADE_MS);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.value("/x") instanceof FloatValue f && f.value() > 0);
        assertThat(scenes.recall("dark")).isEqualTo("recalled dark: 1 param");
        assertThat(fixture.value("/x")).isEqualTo(Value.of(0.0));

        Thread.sleep(FADE_MS + 200);   // past the end of the fade it replaced
        assertThat(fixture.value("/x")).isEqualTo(Value.of(0.0));
        int cancel = indexOf(seen, m -> m instanceof PublishMessage p && p.signal() == SignalType.TIMELINE
                && p.value() instanceof clasp.api.NullValue);
        assertThat(cancel).isPositive();
        List<Message> after = seen.subList(cancel + 1, seen.size());
        assertThat(after).hasSize(1).allMatch(m -> m instanceof SetMessage s && s.value().equals(Value.of(0.0)));
    }

    @Test
    void aFadeSetsOnceWhatCannotMoveAndAParamWithoutAValue() throws Exception {
        fixture.set("/f/level", Value.of(0.5));
        fixture.set("/f/list", Value.of(List.of(Value.of(1L))));
        scenes.save("f", "/f/*");
        fixture.router.removeParams("/f/level");
        fixture.set("/f/list", Value.of(List.of(Value.of(2L))));

        assertThat(scenes.recall("f", FADE_MS)).isEqualTo("recalled f: 0 params fading over 600 ms, 2 set at once");
        assertThat(fixture.value("/f/level")).isEqualTo(Value.of(0.5));
        assertThat(fixture.value("/f/list")).isEqualTo(Value.of(List.of(Value.of(1L))));
        assertThat(scenes.recall("f", -1)).isEqualTo("recall f refused: fade must be 0 to 86400000 ms, not -1");
    }

    private static List<RouterFixture.Seen> at(List<RouterFixture.Seen> seen, String address) {
        return seen.stream().filter(s -> s.set().address().equals(address)).toList();
    }

    private static int indexOf(List<Message> messages, java.util.function.Predicate<Message> p) {
        for (int i = 0; i < messages.size(); i++) if (p.test(messages.get(i))) return i;
        return -1;
    }
}
