package clasp.client;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.client.internal.SegmentPattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which subscription a received address belongs to: the router's delivery matcher (M1), rows of its table. */
class SegmentPatternTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "/a/*, /a/x, true", "/a/*, /a/x/y, false", "/a/*, /b/x, false", "/a/*, /a/, true",
            "/a/**, /a/x/y, true", "/a/**, /a, true", "/a/**, /a/x, true", "/**, /anything/at/all, true",
            "/a/**/z, /a/z, true", "/a/**/z, /a/b/c/z, true", "/a/**/z, /a/b/c, false",
            "/zone5*/level, /zone5a/level, true", "/zone5*/level, /zone6/level, false", "/*x*, /abxcd, true",
            "/mixer/fader/1, /mixer/fader/1, true", "/mixer/fader/1, /mixer/fader/10, false", "/a/*/c, /a/b/c, true",
    })
    void matchesAsTheRouterDelivers(String pattern, String address, boolean matches) {
        assertThat(new SegmentPattern(pattern).matches(address)).isEqualTo(matches);
    }
}
