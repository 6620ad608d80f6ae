package clasp.osc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OscAddressesTest {
    @Test
    void plainAddressesMapUnderTheNamespace() {
        assertThat(OscAddresses.problem("/synth/osc1/cutoff")).isNull();
        assertThat(OscAddresses.toClasp("/osc", "/synth/osc1/cutoff")).isEqualTo("/osc/synth/osc1/cutoff");
        assertThat(OscAddresses.toClasp("", "/a")).isEqualTo("/a");
    }

    @Test
    void patternCharactersAreRefusedWithAReason() {
        for (String pattern : new String[] {"/a/?", "/a/*", "/a/[12]", "/a/{x,y}", "/a/b*"}) {
            assertThat(OscAddresses.problem(pattern)).as(pattern).startsWith("OSC address pattern character '")
                    .endsWith("', refused: " + pattern);
        }
    }

    @Test
    void addressesThatWouldBeInvalidClaspAddressesAreRefused() {
        assertThat(OscAddresses.problem("/a//b")).contains("empty segment");
        assertThat(OscAddresses.problem("/a/")).contains("ends with '/'");
        assertThat(OscAddresses.problem("/")).contains("ends with '/'");
        assertThat(OscAddresses.problem("a")).contains("does not start with '/'");
        assertThat(OscAddresses.problem("/a b")).contains("holds ' '");
        assertThat(OscAddresses.problem("/a#b")).contains("holds '#'");
        assertThat(OscAddresses.problem("/a\tb")).contains("control character");
    }

    @Test
    void outboundStripsTheNamespaceAndKeepsOnlyWhatIsInside() {
        assertThat(OscAddresses.toOsc("/osc", "/osc/fader/1")).isEqualTo("/fader/1");
        assertThat(OscAddresses.toOsc("/osc", "/oscar/x")).isNull();
        assertThat(OscAddresses.toOsc("/osc", "/osc")).isNull();
        assertThat(OscAddresses.toOsc("/osc", "/other/x")).isNull();
        assertThat(OscAddresses.toOsc("", "/any/x")).isEqualTo("/any/x");
    }

    @Test
    void namespaces() {
        assertThat(OscAddresses.namespaceProblem("/osc")).isNull();
        assertThat(OscAddresses.namespaceProblem("")).isNull();
        assertThat(OscAddresses.namespaceProblem("/osc/")).contains("ends with '/'");
        assertThat(OscAddresses.namespaceProblem("osc")).contains("must start with '/'");
        assertThat(OscAddresses.namespaceProblem("/o/*")).contains("wildcard");
    }
}
