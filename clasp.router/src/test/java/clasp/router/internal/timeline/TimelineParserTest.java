package clasp.router.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.router.ClaspException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static clasp.router.internal.timeline.Definitions.def;
import static clasp.router.internal.timeline.Definitions.kf;

/** What a timeline definition may hold, and the ERROR 400 naming the field for each thing it may not. */
class TimelineParserTest {
    private static final List<Value> TWO = List.of(kf(0, 0.0, null), kf(1_000_000, 1.0, null));

    private static void refused(Value definition, String message) {
        assertThatThrownBy(() -> TimelineParser.parse(definition, "/fade"))
                .isInstanceOfSatisfying(ClaspException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.address()).isEqualTo("/fade");
                    assertThat(e.getMessage()).isEqualTo("Invalid timeline: " + message);
                });
    }

    @Test void defaultsAreNoLoopStartOnReceiptSixtyHertzAndLinear() throws ClaspException {
        Timeline t = TimelineParser.parse(def(TWO), "/fade");
        assertThat(t.loop()).isFalse();
        assertThat(t.start()).isNull();
        assertThat(t.rate()).isEqualTo(60.0);
        assertThat(t.keyframes()).extracting(Keyframe::easing).containsOnly(Easing.LINEAR);
        assertThat(t.duration()).isEqualTo(1_000_000);
    }

    @Test void numbersMayComeAsAnyNumericWireTypeAndUnknownKeysAreIgnored() throws ClaspException {
        Timeline t = TimelineParser.parse(def(List.of(kf(0.0, 1L, "ease-in"), kf(250_000.0, 2.5, "step"), kf(500_000L, 3L, "ease-in-out")),
                "loop", Value.of(true), "start", Value.of(1.7e15), "rate", Value.of(30L), "colour", Value.of("red")), "/fade");
        assertThat(t.keyframes()).extracting(Keyframe::time).containsExactly(0L, 250_000L, 500_000L);
        assertThat(t.keyframes()).extracting(Keyframe::easing).containsExactly(Easing.EASE_IN, Easing.STEP, Easing.EASE_IN_OUT);
        assertThat(t.loop()).isTrue();
        assertThat(t.start()).isEqualTo(1_700_000_000_000_000L);
        assertThat(t.rate()).isEqualTo(30.0);
    }

    @Test void theValueMustBeAMapWithKeyframes() {
        refused(Value.of(1.0), "the value must be a map");
        refused(Value.of(Map.of("loop", Value.of(true))), "keyframes is missing");
        refused(Value.of(Map.of("keyframes", Value.of(1L))), "keyframes must be an array");
        refused(def(List.of()), "keyframes is empty");
        refused(def(List.of(Value.of(0L))), "keyframes[0] must be a map");
    }

    @Test void timesMustBeNonNegativeNumbersAndStrictlyIncreasing() {
        refused(def(List.of(Value.of(Map.of("value", Value.of(1L))))), "keyframes[0].time is missing");
        refused(def(List.of(kf(Value.of("0"), 1.0, null))), "keyframes[0].time must be a number of µs");
        refused(def(List.of(kf(Double.NaN, 1.0, null))), "keyframes[0].time must be a number of µs");
        refused(def(List.of(kf(-1, 1.0, null))), "keyframes[0].time is negative");
        refused(def(List.of(kf(0, 1.0, null), kf(10, 1.0, null), kf(10, 2.0, null))), "keyframes[2].time must be greater than keyframes[1].time");
        refused(def(List.of(kf(5, 1.0, null), kf(4, 2.0, null))), "keyframes[1].time must be greater than keyframes[0].time");
    }

    @Test void valuesMustBeNumbersOrNumericArraysOfOneShape() {
        refused(def(List.of(Value.of(Map.of("time", Value.of(0L))))), "keyframes[0].value must be a number or an array of numbers");
        refused(def(List.of(kf(0, Value.of("x"), null))), "keyframes[0].value must be a number or an array of numbers");
        refused(def(List.of(kf(0, Value.of(List.of(Value.of(1L), Value.of(true))), null))), "keyframes[0].value must be a number or an array of numbers");
        refused(def(List.of(kf(0, new double[] {1, 2}, null), kf(1, new double[] {1, 2, 3}, null))),
                "keyframes[1].value must be an array of 2 numbers, as keyframes[0].value is");
        refused(def(List.of(kf(0, new double[] {1, 2}, null), kf(1, 2.0, null))), "keyframes[1].value must be an array of 2 numbers, as keyframes[0].value is");
        refused(def(List.of(kf(0, 1.0, null), kf(1, new double[] {1}, null))), "keyframes[1].value must be a number, as keyframes[0].value is");
    }

    @Test void anEasingMustBeOneOfTheFiveNames() {
        refused(def(List.of(kf(0, 1.0, "bounce"))), "keyframes[0].easing must be one of linear, step, ease-in, ease-out, ease-in-out");
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("time", Value.of(0L));
        m.put("value", Value.of(1L));
        m.put("easing", Value.of(1L));
        refused(def(List.of(Value.of(m))), "keyframes[0].easing must be one of linear, step, ease-in, ease-out, ease-in-out");
    }

    @Test void loopStartAndRateMustHaveTheirTypes() {
        refused(def(TWO, "loop", Value.of(1L)), "loop must be a boolean");
        refused(def(TWO, "start", Value.of("now")), "start must be a number of µs");
        refused(def(TWO, "start", Value.of(-5L)), "start is negative");
        refused(def(TWO, "rate", Value.of("60")), "rate must be a number");
        refused(def(TWO, "rate", Value.of(0L)), "rate must be above 0 and at most 1000 Hz");
        refused(def(TWO, "rate", Value.of(-30.0)), "rate must be above 0 and at most 1000 Hz");
        refused(def(TWO, "rate", Value.of(1000.5)), "rate must be above 0 and at most 1000 Hz");
    }

    @Test void aLoopOfZeroDurationIsRefusedButASingleKeyframeWithoutLoopIsFine() throws ClaspException {
        refused(def(List.of(kf(0, 1.0, null)), "loop", Value.of(true)), "loop needs keyframes spanning more than 0 µs");
        assertThat(TimelineParser.parse(def(List.of(kf(0, 1.0, null))), "/fade").duration()).isZero();
    }
}
