package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttenuationTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // child; parent; allowed
            "read:/a/x;admin:/a/*;true", "write:/a/x;admin:/a/*;true", "admin:/a/x;admin:/a/*;true",
            "read:/a/x;write:/a/*;true", "write:/a/x;write:/a/*;true", "admin:/a/x;write:/a/*;false",
            "read:/a/x;read:/a/*;true", "write:/a/x;read:/a/*;false", "admin:/a/x;read:/a/*;false",
            "read:/a/**;read:/a/*;false", "read:/b/x;read:/a/**;false", "write:/a/x/y;write:/a/**;true",
            // constraints: a constrained parent needs children at least as tight
            "write:/l/1|range=0..100;write:/l/*|range=0..255;true",
            "write:/l/1|range=0..255;write:/l/*|range=0..255;true",
            "write:/l/1|range=-1..100;write:/l/*|range=0..255;false",
            "write:/l/1|range=0..;write:/l/*|range=0..255;false",
            "write:/l/1;write:/l/*|range=0..255;false",
            "write:/l/1|range=..5;write:/l/*|range=..10;true",
            "write:/l/1|rate=10;write:/l/*|rate=10;true",
            "write:/l/1|rate=11;write:/l/*|rate=10;false",
            "write:/l/1;write:/l/*|rate=10;false",
            "write:/l/1|range=0..1;write:/l/*|rate=10;false",
            "write:/l/1|range=0..1|rate=5;write:/l/*|range=0..2|rate=10;true",
            "write:/l/1|range=0..1|rate=50;write:/l/*|range=0..2|rate=10;false",
            "write:/l/1|range=0..1|rate=5;write:/l/*;true",
            "read:/l/1;write:/l/*|range=0..1|rate=1;true",
            "admin:/l/1|range=0..1;admin:/l/*|range=0..1;true"})
    void childScopeWithinParentScope(String child, String parent, boolean allowed) {
        assertThat(Attenuation.allowedBy(Scope.parse(child), Scope.parse(parent))).isEqualTo(allowed);
    }

    @Test
    void checkNamesTheFirstChildNotWithinAnyParent() {
        List<Scope> parents = Scopes.parseList("read:/a/**, write:/b/*|rate=10");
        assertThat(Attenuation.check(Scopes.parseList("read:/a/x, write:/b/1|rate=5"), parents)).isNull();
        assertThat(Attenuation.check(List.of(), parents)).isNull();
        assertThat(Attenuation.check(Scopes.parseList("read:/a/x, w:/b/1, write:/c"), parents)).isEqualTo(
                "scope attenuation violation: write:/b/1 not within read:/a/**, write:/b/*|rate=10");
        assertThat(Attenuation.check(Scopes.parseList("read:/a"), List.of())).isEqualTo(
                "scope attenuation violation: read:/a not within (no scopes)");
    }
}
