package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternCoverageTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // the examples of §16.4
            "/sensors/temp/**;/sensors/**;true", "/site-a/**;/site-a/*;false", "/site-a/**;/site-a/exact;false",
            "/a/b/c;/a/*;false", "//sensors//temp;/sensors/**;true", "'';'';true",
            // §14.6: /lights/* covers /lights/x and /lights/*, not /lights/**
            "/lights/x;/lights/*;true", "/lights/*;/lights/*;true", "/lights/**;/lights/*;false",
            "/lights/x/y;/lights/*;false", "/lights/*;/lights/x;false", "/lights/*/a;/lights/*/*;true",
            "/lights/?;/lights/*;true", "/lights/x;/lights/x*;true", "/lights/x*;/lights/*;true",
            "/lights/xy*;/lights/x*;false", "/lights;/lights/**;true", "/**;/lights/**;false",
            // a segment containing ** counts as ** (at the end it crosses '/')
            "/lights/x**;/lights/*;false", "/lights/x**/c;/lights/*/c;false", "/lights/x**;/lights/**;true"})
    void coversPerSection16_4(String request, String declared, boolean covered) {
        assertThat(PatternCoverage.covers(request, declared)).isEqualTo(covered);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "/a/b;/a/b;true", "/a/b;/**;true", "/anything/at/all;**;true", "/a/b/c;/a/**;true", "/a;/a/**;true",
            "/a/*;/a/*;true", "/a/b;/a/*;true", "/a/**;/a/*;false", "/a/*;/a/b;false", "/a/**;/a/b;false",
            "/a/b/c;/a/*;false", "/a/*/c;/a/*/*;true", "/a/b;/a/b/c;false", "/b/x;/a/*;false",
            "//a//b;/a/b;true", "/a/x**;/a/*;false"})
    void isSubsetPerSection14_8(String child, String parent, boolean subset) {
        assertThat(PatternCoverage.isSubset(child, parent)).isEqualTo(subset);
    }
}
