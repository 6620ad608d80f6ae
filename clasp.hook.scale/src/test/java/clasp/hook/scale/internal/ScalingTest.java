package clasp.hook.scale.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clasp.api.Value;
import clasp.api.auth.Principal;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a configured scale hook stores: value × scale + offset, clamped, for the addresses its pattern matches. */
class ScalingTest {
    private static ScaleConfig config(String pattern, double scale, double offset, double min, double max) {
        return new ScaleConfig() {
            @Override public Class<? extends Annotation> annotationType() { return ScaleConfig.class; }
            @Override public String clasp_hook_id() { return ""; }
            @Override public String pattern() { return pattern; }
            @Override public double scale() { return scale; }
            @Override public double offset() { return offset; }
            @Override public double min() { return min; }
            @Override public double max() { return max; }
            @Override public int service_ranking() { return 0; }
        };
    }

    private static Value apply(ScaleConfig c, String address, Value v) {
        return new ScaleHook(c).transform(Principal.OPEN, address, v);
    }

    private final ScaleConfig percentToGain = config("/mixer/*/gain", 0.01, 0, 0, 1);

    @Test void scalesOffsetsAndClampsFloats() {
        ScaleConfig c = config("/v", 2, 1, -5, 10);
        assertThat(apply(c, "/v", Value.of(1.5))).isEqualTo(Value.of(4.0));
        assertThat(apply(c, "/v", Value.of(7.0))).isEqualTo(Value.of(10.0));
        assertThat(apply(c, "/v", Value.of(-100.0))).isEqualTo(Value.of(-5.0));
        assertThat(apply(percentToGain, "/mixer/ch1/gain", Value.of(50.0))).isEqualTo(Value.of(0.5));
    }

    @Test void integersStayIntegersRoundedToTheNearest() {
        assertThat(apply(config("/v", 0.5, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), "/v", Value.of(5L)))
                .isEqualTo(Value.of(3L));   // 2.5 rounds half up
        assertThat(apply(config("/v", 1, 0, 0, 100), "/v", Value.of(250L))).isEqualTo(Value.of(100L));
    }

    @Test void otherAddressesAndNonNumericValuesAreLeftAsTheyAre() {
        Value text = Value.of("50");
        assertThat(apply(percentToGain, "/mixer/ch1/gain", text)).isSameAs(text);
        Value list = Value.of(List.of(Value.of(50.0)));
        assertThat(apply(percentToGain, "/mixer/ch1/gain", list)).isSameAs(list);
        Value v = Value.of(50.0);
        assertThat(apply(percentToGain, "/mixer/ch1/pan", v)).isSameAs(v);
        assertThat(apply(percentToGain, "/mixer/ch1/sub/gain", v)).isSameAs(v);   // * is one segment
    }

    @Test void patternSegments() {
        AddressPattern any = new AddressPattern("/lights/**");
        assertThat(any.matches("/lights")).isTrue();
        assertThat(any.matches("/lights/a/b/c")).isTrue();
        assertThat(any.matches("/light/a")).isFalse();
        AddressPattern mid = new AddressPattern("/a/**/z");
        assertThat(mid.matches("/a/z")).isTrue();
        assertThat(mid.matches("/a/b/c/z")).isTrue();
        assertThat(mid.matches("/a/b/c/y")).isFalse();
        assertThat(new AddressPattern("/exact").matches("/exact")).isTrue();
        assertThat(new AddressPattern("/exact").matches("/exact/more")).isFalse();
    }

    @Test void aConfigurationItCannotUseFailsWithTheReason() {
        assertThatThrownBy(() -> new ScaleHook(config("/v", 1, 0, 5, 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("min (5.0) must not be above max (1.0)");
        assertThatThrownBy(() -> new ScaleHook(config("/v", Double.NaN, 0, 0, 1))).hasMessage("scale must be a finite number, not NaN");
        assertThatThrownBy(() -> new ScaleHook(config(null, 1, 0, 0, 1))).hasMessage("pattern null: missing");
        assertThatThrownBy(() -> new ScaleHook(config("no-slash", 1, 0, 0, 1))).hasMessageStartingWith("pattern no-slash: ");
    }
}
