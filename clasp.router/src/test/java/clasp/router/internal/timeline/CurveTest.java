package clasp.router.internal.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import clasp.api.ArrayValue;
import clasp.api.FloatValue;
import clasp.api.IntValue;
import clasp.api.Value;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** router-semantics §7.4: the value of a timeline at a position, for each easing and shape. */
class CurveTest {
    private static Keyframe kf(long time, double value, Easing easing) { return new Keyframe(time, Value.of(value), easing); }

    private static Timeline of(Keyframe... kfs) { return new Timeline(List.of(kfs), false, null, 60); }

    private static double at(Timeline t, long position) { return ((FloatValue) Curve.at(t, position)).value(); }

    /** 0 → 10 over 1 s with {@code easing}, sampled every 50 ms against {@code expected}(t). */
    private static void follows(Easing easing, DoubleUnaryOperator expected) {
        Timeline t = of(kf(0, 0, easing), kf(1_000_000, 10, Easing.LINEAR));
        for (int ms = 0; ms < 1000; ms += 50) {
            double u = ms / 1000d;
            assertThat(at(t, ms * 1000L)).as("%s at %d ms", easing, ms).isCloseTo(10 * expected.applyAsDouble(u), within(1e-9));
        }
        assertThat(Curve.at(t, 1_000_000)).isEqualTo(Value.of(10d));
    }

    @Test void linearIsProportional() { follows(Easing.LINEAR, u -> u); }

    @Test void easeInIsTSquared() {
        follows(Easing.EASE_IN, u -> u * u);
        assertThat(at(of(kf(0, 0, Easing.EASE_IN), kf(1000, 10, Easing.LINEAR)), 500)).isEqualTo(2.5);
    }

    @Test void easeOutIsOneMinusTheSquareOfTheRest() {
        follows(Easing.EASE_OUT, u -> 1 - (1 - u) * (1 - u));
        assertThat(at(of(kf(0, 0, Easing.EASE_OUT), kf(1000, 10, Easing.LINEAR)), 500)).isEqualTo(7.5);
    }

    @Test void easeInOutIsTwoTSquaredThenMirrored() {
        follows(Easing.EASE_IN_OUT, u -> u < 0.5 ? 2 * u * u : 1 - Math.pow(-2 * u + 2, 2) / 2);
        Timeline t = of(kf(0, 0, Easing.EASE_IN_OUT), kf(1000, 10, Easing.LINEAR));
        assertThat(at(t, 250)).isEqualTo(1.25);
        assertThat(at(t, 500)).isEqualTo(5.0);
        assertThat(at(t, 750)).isEqualTo(8.75);
    }

    @Test void stepHoldsTheEarlierValueUntilTheNextKeyframesTime() {
        Timeline t = of(kf(0, 1, Easing.STEP), kf(1000, 2, Easing.STEP), kf(2000, 3, Easing.LINEAR));
        assertThat(at(t, 0)).isEqualTo(1.0);
        assertThat(at(t, 999)).isEqualTo(1.0);
        assertThat(at(t, 1000)).isEqualTo(2.0);
        assertThat(at(t, 1999)).isEqualTo(2.0);
        assertThat(at(t, 2000)).isEqualTo(3.0);
    }

    @Test void aSegmentUsesTheEasingOfItsEarlierKeyframe() {
        // 0 -(ease-in)-> 10 -(step)-> 20 -(linear)-> 30
        Timeline t = of(kf(0, 0, Easing.EASE_IN), kf(1000, 10, Easing.STEP), kf(2000, 20, Easing.LINEAR), kf(3000, 30, Easing.EASE_OUT));
        assertThat(at(t, 500)).isEqualTo(2.5);    // ease-in, not linear's 5
        assertThat(at(t, 1500)).isEqualTo(10.0);  // step from 10, not ease-in
        assertThat(at(t, 2500)).isEqualTo(25.0);  // linear, not step's 20; the last keyframe's ease-out is not used
    }

    @Test void arraysOfEqualLengthInterpolateElementWise() {
        Timeline t = new Timeline(List.of(
                new Keyframe(0, Value.of(List.of(Value.of(0d), Value.of(100d), Value.of(-1d))), Easing.LINEAR),
                new Keyframe(1000, Value.of(List.of(Value.of(1d), Value.of(0d), Value.of(1d))), Easing.LINEAR)), false, null, 60);
        assertThat(Curve.at(t, 250)).isEqualTo(Value.of(List.of(Value.of(0.25), Value.of(75d), Value.of(-0.5))));
        assertThat(((ArrayValue) Curve.at(t, 1000)).items()).containsExactly(Value.of(1d), Value.of(0d), Value.of(1d));
    }

    @Test void twoIntegersInterpolateToATruncatedIntegerAndAnIntegerWithAFloatToAFloat() {
        Timeline ints = new Timeline(List.of(new Keyframe(0, Value.of(0L), Easing.LINEAR), new Keyframe(1000, Value.of(10L), Easing.LINEAR)),
                false, null, 60);
        assertThat(Curve.at(ints, 290)).isEqualTo(new IntValue(2));
        assertThat(Curve.at(ints, 999)).isEqualTo(new IntValue(9));
        Timeline mixed = new Timeline(List.of(new Keyframe(0, Value.of(0L), Easing.LINEAR), new Keyframe(1000, Value.of(10d), Easing.LINEAR)),
                false, null, 60);
        assertThat(((FloatValue) Curve.at(mixed, 290)).value()).isCloseTo(2.9, within(1e-12));
    }

    @Test void beforeTheFirstKeyframeTheCurveHoldsItsValueAndFromTheLastOneOnThatOne() {
        Timeline t = of(kf(500, 4, Easing.LINEAR), kf(1500, 8, Easing.LINEAR));
        assertThat(at(t, 0)).isEqualTo(4.0);
        assertThat(at(t, 1000)).isEqualTo(6.0);
        assertThat(at(t, 1500)).isEqualTo(8.0);
        assertThat(at(t, 9000)).isEqualTo(8.0);
    }

    @Test void aKeyframesOwnTimeGivesItsValueExactly() {
        Timeline t = of(kf(0, 0.1, Easing.EASE_IN_OUT), kf(333, 0.7, Easing.EASE_OUT), kf(1000, 0.3, Easing.LINEAR));
        assertThat(Curve.at(t, 333)).isEqualTo(Value.of(0.7));
        assertThat(Curve.at(t, 0)).isEqualTo(Value.of(0.1));
    }
}
