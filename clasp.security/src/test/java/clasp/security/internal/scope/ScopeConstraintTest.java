package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.Value;
import clasp.api.auth.Action;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Range and rate constraints of write scopes (ScopeSet.constraintBroken). */
class ScopeConstraintTest {
    private final AtomicLong millis = new AtomicLong(5_000);
    private final WriteRates rates = new WriteRates(millis::get, 1_000);

    private ScopeSet set(String scopes) {
        return ScopeSet.compile("alice", Scopes.parseList(scopes), rates);
    }

    @Test
    void rangeEdgesAreIncluded() {
        ScopeSet lights = set("write:/lights/**|range=0..255");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(0))).isNull();
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(255))).isNull();
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(255.0))).isNull();
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(300)))
                .isEqualTo("Constraint range 0..255 of write:/lights/** refuses 300");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(-1)))
                .isEqualTo("Constraint range 0..255 of write:/lights/** refuses -1");
        assertThat(lights.constraintBroken(Action.PUBLISH, "/lights/1", Value.of(255.5)))
                .isEqualTo("Constraint range 0..255 of write:/lights/** refuses 255.5");
    }

    @Test
    void decimalAndOpenBounds() {
        ScopeSet fader = set("write:/fader|range=-0.5..0.75, write:/gain|range=..1, write:/level|range=0..");
        assertThat(fader.constraintBroken(Action.SET, "/fader", Value.of(-0.5))).isNull();
        assertThat(fader.constraintBroken(Action.SET, "/fader", Value.of(0.75))).isNull();
        assertThat(fader.constraintBroken(Action.SET, "/fader", Value.of(0.7500001)))
                .isEqualTo("Constraint range -0.5..0.75 of write:/fader refuses 0.7500001");
        assertThat(fader.constraintBroken(Action.SET, "/fader", Value.of(Double.NaN)))
                .isEqualTo("Constraint range -0.5..0.75 of write:/fader refuses NaN");
        assertThat(fader.constraintBroken(Action.SET, "/gain", Value.of(-1e300))).isNull();
        assertThat(fader.constraintBroken(Action.SET, "/gain", Value.of(2)))
                .isEqualTo("Constraint range ..1 of write:/gain refuses 2");
        assertThat(fader.constraintBroken(Action.SET, "/level", Value.of(Long.MAX_VALUE))).isNull();
        assertThat(fader.constraintBroken(Action.SET, "/level", Value.of(Double.NEGATIVE_INFINITY)))
                .isEqualTo("Constraint range 0.. of write:/level refuses -Infinity");
    }

    @Test
    void everyNumberOfAnArrayMustBeInRange() {
        ScopeSet rgb = set("write:/rgb/*|range=0..255");
        assertThat(rgb.constraintBroken(Action.SET, "/rgb/1", Value.of(List.of(Value.of(0), Value.of(128.5), Value.of(255))))).isNull();
        assertThat(rgb.constraintBroken(Action.SET, "/rgb/1", Value.of(List.of()))).isNull();
        assertThat(rgb.constraintBroken(Action.SET, "/rgb/1", Value.of(List.of(Value.of(0), Value.of(256), Value.of(-3)))))
                .isEqualTo("Constraint range 0..255 of write:/rgb/* refuses 256 in an array");
        assertThat(rgb.constraintBroken(Action.SET, "/rgb/1", Value.of(List.of(Value.of(1), Value.of("x")))))
                .isEqualTo("Constraint range 0..255 of write:/rgb/* refuses a string value in an array");
        assertThat(rgb.constraintBroken(Action.SET, "/rgb/1",
                Value.of(List.of(Value.of(List.of(Value.of(1), Value.of(999)))))))
                .isEqualTo("Constraint range 0..255 of write:/rgb/* refuses 999 in an array");
    }

    @Test
    void otherKindsAreRefusedUnderARangeExceptAPublishWithoutValue() {
        ScopeSet lights = set("write:/lights/*|range=0..1");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of("0.5")))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses a string value");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(true)))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses a bool value");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(new byte[] {1})))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses a bytes value");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.of(Map.of("v", Value.of(1)))))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses a map value");
        assertThat(lights.constraintBroken(Action.SET, "/lights/1", Value.ofNull()))
                .isEqualTo("Constraint range 0..1 of write:/lights/* refuses a null value");
        assertThat(lights.constraintBroken(Action.PUBLISH, "/lights/1", Value.ofNull())).isNull();
    }

    @Test
    void anUnconstrainedMatchingScopeLiftsTheConstraints() {
        ScopeSet both = set("write:/lights/**|range=0..255|rate=1, admin:/lights/7");
        assertThat(both.constraintBroken(Action.SET, "/lights/7", Value.of(1000))).isNull();
        assertThat(both.constraintBroken(Action.SET, "/lights/7", Value.of(1000))).isNull();
        assertThat(both.constraintBroken(Action.SET, "/lights/8", Value.of(1000)))
                .isEqualTo("Constraint range 0..255 of write:/lights/** refuses 1000");
    }

    @Test
    void aValueNeedsToPassTheRangeOfOneMatchingScope() {
        ScopeSet two = set("write:/mix/*|range=0..1, write:/mix/**|range=10..20");
        assertThat(two.constraintBroken(Action.SET, "/mix/a", Value.of(0.5))).isNull();
        assertThat(two.constraintBroken(Action.SET, "/mix/a", Value.of(15))).isNull();
        assertThat(two.constraintBroken(Action.SET, "/mix/a", Value.of(5)))
                .isEqualTo("Constraint range 0..1 of write:/mix/* refuses 5");
        assertThat(two.constraintBroken(Action.SET, "/mix/a/b", Value.of(0.5)))
                .isEqualTo("Constraint range 10..20 of write:/mix/** refuses 0.5");
    }

    @Test
    void readScopesAndOtherActionsAreNotConstrained() {
        ScopeSet lights = set("read:/lights/*, write:/lights/*|range=0..1");
        assertThat(lights.constraintBroken(Action.GET, "/lights/1", Value.of(9))).isNull();
        assertThat(lights.constraintBroken(Action.SUBSCRIBE, "/lights/1", Value.of(9))).isNull();
        assertThat(lights.constraintBroken(Action.SET, "/elsewhere", Value.of(9))).isNull();
        assertThat(ScopeSet.denyingAll("x").constraintBroken(Action.SET, "/a", Value.of(1))).isNull();
    }

    @Test
    void rateCountsWritesPerAddressPerSecondWindow() {
        ScopeSet mixer = set("write:/mixer/*|rate=3");
        for (int i = 0; i < 3; i++) assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(i))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(4)))
                .isEqualTo("Constraint rate 3/s of write:/mixer/* exceeded at /mixer/1");
        assertThat(mixer.constraintBroken(Action.PUBLISH, "/mixer/1", Value.of(4)))
                .isEqualTo("Constraint rate 3/s of write:/mixer/* exceeded at /mixer/1");
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/2", Value.of(1))).isNull();   // another address
        millis.set(5_999);
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(4))).isNotNull();
        millis.set(6_000);                                                                       // the next window
        for (int i = 0; i < 3; i++) assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(i))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(4))).isNotNull();
        millis.set(60_000);
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(5))).isNull();
    }

    @Test
    void theRateIsPerPrincipalName() {
        ScopeSet alice = set("write:/m|rate=1");
        ScopeSet bob = ScopeSet.compile("bob", Scopes.parseList("write:/m|rate=1"), rates);
        assertThat(alice.constraintBroken(Action.SET, "/m", Value.of(1))).isNull();
        assertThat(bob.constraintBroken(Action.SET, "/m", Value.of(1))).isNull();
        assertThat(alice.constraintBroken(Action.SET, "/m", Value.of(1))).isEqualTo("Constraint rate 1/s of write:/m exceeded at /m");
    }

    @Test
    void theLimitIsTheLargestRateAmongTheScopesTheValuePassed() {
        ScopeSet mixer = set("write:/mixer/*|rate=2, write:/mixer/**|rate=4, write:/mixer/1|range=0..1|rate=100");
        for (int i = 0; i < 4; i++) assertThat(mixer.constraintBroken(Action.SET, "/mixer/2", Value.of(5))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/2", Value.of(5)))
                .isEqualTo("Constraint rate 4/s of write:/mixer/** exceeded at /mixer/2");
        // 5 is out of 0..1, so the rate of 100 does not apply to it, 4 does
        for (int i = 0; i < 4; i++) assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(5))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(5)))
                .isEqualTo("Constraint rate 4/s of write:/mixer/** exceeded at /mixer/1");
        for (int i = 0; i < 96; i++) assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(1))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/mixer/1", Value.of(1)))
                .isEqualTo("Constraint rate 100/s of write:/mixer/1 exceeded at /mixer/1");
    }

    @Test
    void aRangedScopeWithoutRateMakesAPassingValueUnlimited() {
        ScopeSet mixer = set("write:/m/*|rate=1, write:/m/*|range=0..1");
        for (int i = 0; i < 10; i++) assertThat(mixer.constraintBroken(Action.SET, "/m/a", Value.of(1))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/m/a", Value.of(7))).isNull();
        assertThat(mixer.constraintBroken(Action.SET, "/m/a", Value.of(7)))
                .isEqualTo("Constraint rate 1/s of write:/m/* exceeded at /m/a");
    }
}
