package clasp.protocol.match;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verified edge-case table of router-semantics §4.3: M1 = delivered, M2 = snapshotted. */
class MatcherTest {
    @ParameterizedTest(name = "{0} vs {1}: M1 {2}, M2 {3}")
    @CsvSource({
        "/**, /a, true, true", "/**, /a/b/c, true, true", "/**, /, true, true",
        "/chat/**, /chat, true, false", "/chat/**, /chat/, true, true", "/chat/**, /chat/a, true, true",
        "/chat/**, /chat/a/b/c, true, true", "/chat/**, /chatroom, false, false",
        "/a/*, /a, false, false", "/a/*, /a/, true, true", "/a/*, /a/b/c, false, false",
        "/a/*/c, /a//c, true, true", "/a/**/c, /a/c, true, true", "/a/**/c, /a/b/d/c, true, true",
        "/lumen/**/opacity, /lumen/opacity, true, true", "/a/*/**, /a/b, true, false", "/a/**/b/**, /a/b, true, false",
        "/lights/zone5*/fixture*/brightness, /lights/zone50/fixture1/brightness, true, true",
        "/lights/zone5*/fixture*/brightness, /lights/zone6/fixture1/brightness, false, false",
        "/a/b*, /a/b, true, true", "/a/b*, /a/bc, true, true", "/a/x**, /a/xb/c, false, true",
        "'/a/{b,c}', /a/b, false, true", "/a/?, /a/b, false, true", "/lights/*, /lights/*, true, true",
        "/lights/room1, /lights/*, false, false", "/A/b, /a/b, false, false", "/bc, abc, true, false",
        "/a/**x, /a/b/cx, false, false", "/a/x**/c, /a/xb/q/c, false, false", "/a**, /ab/c, false, true"
    })
    void table(String pattern, String address, boolean m1, boolean m2) {
        assertThat(new SegmentMatcher(pattern).matches(address)).as("M1").isEqualTo(m1);
        assertThat(Glob.matches(pattern, address)).as("M2").isEqualTo(m2);
    }

    @ParameterizedTest(name = "split({0})")
    @CsvSource({"''", "/", "//", "/a", "/a/", "/a//b", "/lights/zone5/fixture1/brightness", "abc", "/a/b/", "///"})
    void splitGivesTheSegmentsOfStringSplit(String address) {
        String[] expected = address.length() <= 1 ? new String[] {""} : address.substring(1).split("/", -1);
        assertThat(SegmentMatcher.split(address)).containsExactly(expected);
    }
}
