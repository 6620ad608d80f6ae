package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.auth.Action;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** §14.4/§14.5 checks, with the §14.6 coverage rule for SUBSCRIBE. */
class ScopeSetTest {
    private static ScopeSet set(String scopes) {
        return ScopeSet.compile("alice", Scopes.parseList(scopes), new WriteRates());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // scopes; address; SET; PUBLISH; GET; SUBSCRIBE
            "read:/a/*;/a/x;false;false;true;true",
            "write:/a/*;/a/x;true;true;true;false",
            "admin:/a/*;/a/x;true;true;true;false",
            "read:/a/b;/a/b;false;false;true;true",
            "write:/a/b;/a/b;true;true;true;false",
            "admin:/a/b;/a/b;true;true;true;false",
            "read:/a/*;/b/x;false;false;false;false",
            "admin:/**;/any/where/at/all;true;true;true;false",
            "read:/**;/any/where;false;false;true;true",
            "'read:/a/*, write:/a/*';/a/x;true;true;true;true",
            "'write:/a/**, read:/a/x';/a/x;true;true;true;true",
            "'write:/a/**, read:/a/x';/a/y;true;true;true;false"})
    void theTableOfWhichCheckEachMessageUses(String scopes, String address, boolean set, boolean publish, boolean get,
                                             boolean subscribe) {
        ScopeSet scopeSet = set(scopes);
        assertThat(scopeSet.allows(Action.SET, address)).as("SET").isEqualTo(set);
        assertThat(scopeSet.allows(Action.PUBLISH, address)).as("PUBLISH").isEqualTo(publish);
        assertThat(scopeSet.allows(Action.GET, address)).as("GET").isEqualTo(get);
        assertThat(scopeSet.allows(Action.SUBSCRIBE, address)).as("SUBSCRIBE").isEqualTo(subscribe);
    }

    @Test
    void onlyAdminOfEverythingSetsGetsAndPublishesAnywhereButSubscribesNowhere() {
        ScopeSet all = set("admin:/**");
        for (String address : List.of("/", "/a", "/a/b/c", "/lights/1")) {
            assertThat(all.allows(Action.SET, address)).isTrue();
            assertThat(all.allows(Action.GET, address)).isTrue();
            assertThat(all.allows(Action.PUBLISH, address)).isTrue();
            assertThat(all.allows(Action.SUBSCRIBE, address)).isFalse();
        }
        assertThat(all.allows(Action.SUBSCRIBE, "/**")).isFalse();
    }

    @Test
    void writeOnlyScopesGetButDoNotSubscribe() {
        ScopeSet writer = set("write:/mixer/*");
        assertThat(writer.allows(Action.GET, "/mixer/1")).isTrue();
        assertThat(writer.allows(Action.SUBSCRIBE, "/mixer/1")).isFalse();
        assertThat(writer.allows(Action.SUBSCRIBE, "/mixer/*")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void noScopesIsDeniedEverythingChecked(Action action) {
        boolean unchecked = EnumSet.of(Action.QUERY, Action.ANNOUNCE).contains(action);
        assertThat(set("").allows(action, action == Action.BUNDLE ? null : "/a")).isEqualTo(unchecked);
    }

    @Test
    void queryAndAnnounceAreNotChecked() {
        ScopeSet reader = set("read:/a/*");
        assertThat(reader.allows(Action.QUERY, "/elsewhere/**")).isTrue();
        assertThat(reader.allows(Action.ANNOUNCE, "/elsewhere")).isTrue();
    }

    @Test
    void aBundleNeedsSomeWriteOrAdminScope() {
        assertThat(set("read:/**").allows(Action.BUNDLE, null)).isFalse();
        assertThat(set("read:/**, write:/x").allows(Action.BUNDLE, null)).isTrue();
        assertThat(set("admin:/x/*").allows(Action.BUNDLE, null)).isTrue();
    }

    @Test
    void aSetThatCannotBeReadIsRefusedEverythingEvenUncheckedActions() {
        ScopeSet none = ScopeSet.denyingAll("bob");
        for (Action action : Action.values()) assertThat(none.allows(action, "/a")).as(action.name()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // scope pattern; address; allowed (exact equality without '*', M2 with '*')
            "/a/b;/a/b;true", "/a/b;/a/b/;false", "/a/b;/A/b;false", "/a/?;/a/b;false", "/a/?;/a/?;true",
            "/a/{b};/a/b;false", "/a/*;/a/;true", "/a/*;/a;false", "/a/*;/a/b/c;false", "/a/**;/a;false",
            "/a/**;/a/;true", "/a/**;/a/b/c;true", "/a/**;/ab;false", "/a/b*;/a/b;true", "/a/b*;/a/bc;true",
            "/a/x**;/a/xb/c;true", "/a/{b,c}*;/a/cz;true", "/a/[bc]*;/a/cz;true", "/a/[bc]*;/a/dz;false",
            "/**;/;true", "/**;abc;false", "/*;'';false", "/a/*;a/b;false"})
    void writeScopesMatchAddressesPerSection14_4(String pattern, String address, boolean allowed) {
        ScopeSet writer = ScopeSet.compile("w", List.of(Scope.of(ScopeAction.WRITE, pattern)),
                new WriteRates());
        assertThat(writer.allows(Action.SET, address)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            // read scope; requested pattern; covered
            "/a/*;/a/x;true", "/a/*;/a/*;true", "/a/*;/a/**;false", "/a/*;/**;false", "/a/*;/a/x/y;false",
            "/a/*;/a/x**;false", "/a/*;/a/x**/c;false", "/a/*;/a/?;true", "/a/*;/a/[xy];true",
            "/lights/*;/lights/**;false", "/lights/*;/lights/*/*;false", "/lights/*;/lights;false",
            "/lights/**;/lights;true", "/lights/**;/lights/**;true", "/lights/**;/lights/a/**;true",
            "/lights/**;/**;false", "/lights/**;/lightsx/**;false", "/lights/**;/lights*;false",
            "/lights/a;/lights/a;true", "/lights/a;/lights/a/;true", "/lights/a;/lights/*;false",
            "/lights/a;/lights/a/b;false", "/a/*/c;/a/b/c;true", "/a/*/c;/a/*/c;true", "/a/*/c;/a/**/c;false",
            "/;/;true", "/**;/**;true", "/**;/a/**;true"})
    void subscribeNeedsAReadScopeThatCoversThePattern(String scope, String request, boolean covered) {
        ScopeSet reader = ScopeSet.compile("r", List.of(Scope.of(ScopeAction.READ, scope)), new WriteRates());
        assertThat(reader.allows(Action.SUBSCRIBE, request)).isEqualTo(covered);
    }

    @Test
    void escapesOfSection14_6ArePlugged() {
        assertThat(set("read:/a/*").allows(Action.SUBSCRIBE, "/**")).isFalse();
        assertThat(set("read:/lights/*").allows(Action.SUBSCRIBE, "/lights/**")).isFalse();
        ScopeSet lights = set("read:/lights/*, write:/lights/*, read:/a/*, write:/a/*");
        for (String address : List.of(
                "/lights/../admin", "/lights/../../secret/x", "/a/../b/c", "/lights/1/..", "/a/b/../../c",
                "/lіghts/1",   // Cyrillic і
                "/lights/1/x", "/Lights/1", "/lights", "/a//b", "//a/b", "/a/b//", "lights/1", "")) {
            assertThat(lights.allows(Action.SET, address)).as("SET %s", address).isFalse();
            assertThat(lights.allows(Action.PUBLISH, address)).as("PUBLISH %s", address).isFalse();
            assertThat(lights.allows(Action.GET, address)).as("GET %s", address).isFalse();
            assertThat(lights.allows(Action.SUBSCRIBE, address)).as("SUBSCRIBE %s", address).isFalse();
        }
        assertThat(lights.allows(Action.SET, null)).isFalse();
        assertThat(lights.allows(Action.SUBSCRIBE, null)).isFalse();
    }

    @Test
    void aSegmentNamedDotDotIsJustAnAddressInsideTheScope() {
        // No normalisation anywhere (§4.1): "/lights/.." is a param named ".." under /lights, not /.
        ScopeSet lights = set("write:/lights/*");
        assertThat(lights.allows(Action.SET, "/lights/..")).isTrue();
        assertThat(lights.allows(Action.SET, "/")).isFalse();
    }
}
