package clasp.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The token attenuation check names the scope once; the validator and the mint put "scope attenuation violation: " before it. */
class AttenuationTextTest {
    @Test void aWiderChildIsNamedWithoutTheViolationPrefix() {
        assertThat(SecurityComponent.attenuation().violation(List.of("admin:/**"), List.of("write:/house/lights/*")))
                .isEqualTo("admin:/** not within write:/house/lights/*");
        assertThat(SecurityComponent.attenuation().violation(List.of("write:/house/lights/1"), List.of("write:/house/lights/*"))).isNull();
    }

    @Test void aScopeThatDoesNotParseIsNamedByItsProblem() {
        assertThat(SecurityComponent.attenuation().violation(List.of("fly:/x"), List.of("write:/**"))).doesNotStartWith("scope attenuation violation");
    }
}
