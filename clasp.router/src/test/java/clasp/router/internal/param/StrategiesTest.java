package clasp.router.internal.param;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each conflict strategy accepts, and how configured rules pick one per address. */
class StrategiesTest {
    private static final Value NAN = Value.of(Double.NaN);

    @Test void maxAcceptsOnlyAStrictlyGreaterNumberComparingIntsAndFloatsByValue() {
        assertThat(Strategy.MAX.accepts(Value.of(5L), Value.of(6L))).isTrue();
        assertThat(Strategy.MAX.accepts(Value.of(5L), Value.of(5L))).isFalse();
        assertThat(Strategy.MAX.accepts(Value.of(5L), Value.of(4L))).isFalse();
        assertThat(Strategy.MAX.accepts(Value.of(5L), Value.of(5.5))).isTrue();
        assertThat(Strategy.MAX.accepts(Value.of(5.5), Value.of(5L))).isFalse();
        assertThat(Strategy.MAX.accepts(Value.of(5L), Value.of(5.0))).isFalse();    // equal by value
        assertThat(Strategy.MAX.accepts(Value.of(0.0), Value.of(-0.0))).isFalse();
        assertThat(Strategy.MAX.accepts(Value.of(Long.MAX_VALUE - 1), Value.of(Long.MAX_VALUE))).isTrue();   // ints exactly
    }

    @Test void minAcceptsOnlyAStrictlySmallerNumber() {
        assertThat(Strategy.MIN.accepts(Value.of(5L), Value.of(4L))).isTrue();
        assertThat(Strategy.MIN.accepts(Value.of(5L), Value.of(5L))).isFalse();
        assertThat(Strategy.MIN.accepts(Value.of(5L), Value.of(6L))).isFalse();
        assertThat(Strategy.MIN.accepts(Value.of(-1.5), Value.of(-2L))).isTrue();
    }

    @Test void aWriteWhereEitherValueIsNotANumberIsAcceptedAsUnderLww() {
        for (Strategy s : List.of(Strategy.MAX, Strategy.MIN)) {
            assertThat(s.accepts(Value.of("high"), Value.of(1L))).isTrue();
            assertThat(s.accepts(Value.of(1L), Value.of("low"))).isTrue();
            assertThat(s.accepts(Value.of(1L), Value.of(true))).isTrue();
            assertThat(s.accepts(Value.of(1L), NAN)).isTrue();
            assertThat(s.accepts(NAN, Value.of(1L))).isTrue();
        }
    }

    @Test void lwwAndLockAcceptEveryValue() {
        assertThat(Strategy.LWW.accepts(Value.of(5L), Value.of(1L))).isTrue();
        assertThat(Strategy.LOCK.accepts(Value.of(5L), Value.of(1L))).isTrue();
    }

    @Test void theFirstMatchingRuleDecidesAndUnmatchedAddressesAreLww() {
        Strategies s = Strategies.parse(List.of("/mix/fader1=min", "/mix/**=max", "/desk/*/owner=lock", "/x=LWW"));
        assertThat(s.of("/mix/fader1")).isEqualTo(Strategy.MIN);
        assertThat(s.of("/mix/fader2")).isEqualTo(Strategy.MAX);
        assertThat(s.of("/mix/a/b")).isEqualTo(Strategy.MAX);
        assertThat(s.of("/desk/3/owner")).isEqualTo(Strategy.LOCK);
        assertThat(s.of("/desk/3/level")).isEqualTo(Strategy.LWW);
        assertThat(s.of("/x")).isEqualTo(Strategy.LWW);
        assertThat(Strategies.NONE.of("/mix/fader1")).isEqualTo(Strategy.LWW);
    }

    @Test void malformedRulesAreSkippedAndTheOthersStillApply() {
        Strategies s = Strategies.parse(List.of("nonsense", "/a=median", "a/=max", "=max", "/b = max ", "/c=", "//d=min"));
        assertThat(s.size()).isEqualTo(1);
        assertThat(s.of("/b")).isEqualTo(Strategy.MAX);
        assertThat(Strategies.parse(List.of("garbage"))).isSameAs(Strategies.NONE);
    }
}
