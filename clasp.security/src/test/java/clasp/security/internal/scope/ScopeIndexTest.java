package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.api.auth.Action;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A check tests only the scopes filed on the address's path, however many scopes the principal holds. */
class ScopeIndexTest {
    private static ScopeSet fiveHundred() {
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < 200; i++) scopes.add(Scope.of(ScopeAction.WRITE, "/room" + i + "/*"));
        for (int i = 0; i < 200; i++) scopes.add(Scope.of(ScopeAction.READ, "/desk/" + i + "/fader"));
        for (int i = 0; i < 98; i++) scopes.add(Scope.of(ScopeAction.READ, "/zone/" + i + "/**"));
        scopes.add(Scope.of(ScopeAction.READ, "/lights/zone5*/level"));
        scopes.add(Scope.of(ScopeAction.READ, "/global/**"));
        assertThat(scopes).hasSize(500);
        return ScopeSet.compile("p", scopes, new WriteRates());
    }

    @Test
    void aWildcardCheckExaminesOnlyTheScopesOnItsPath() {
        ScopeSet set = fiveHundred();
        assertThat(set.allows(Action.SET, "/room150/x")).isTrue();
        assertThat(set.examined()).isEqualTo(1);
        assertThat(set.allows(Action.SET, "/room150/x/y")).isFalse();
        assertThat(set.examined()).isEqualTo(2);
        assertThat(set.allows(Action.GET, "/zone/42/a/b")).isTrue();
        assertThat(set.examined()).isEqualTo(3);
        assertThat(set.allows(Action.SUBSCRIBE, "/zone/97/**")).isTrue();
        assertThat(set.examined()).isEqualTo(4);
        assertThat(set.allows(Action.GET, "/lights/zone50/level")).isTrue();
        assertThat(set.examined()).isEqualTo(5);
    }

    @Test
    void anExactCheckExaminesOnlyTheScopesOfThatAddress() {
        ScopeSet set = fiveHundred();
        assertThat(set.allows(Action.GET, "/desk/199/fader")).isTrue();
        assertThat(set.examined()).isEqualTo(1);
        assertThat(set.allows(Action.SUBSCRIBE, "/desk/7/fader")).isTrue();
        assertThat(set.examined()).isEqualTo(2);
        assertThat(set.allows(Action.SET, "/desk/7/fader")).isFalse();
        assertThat(set.examined()).isEqualTo(3);
    }

    @Test
    void anAddressOutsideEveryScopeExaminesNone() {
        ScopeSet set = fiveHundred();
        assertThat(set.allows(Action.SET, "/nowhere/at/all")).isFalse();
        assertThat(set.allows(Action.GET, "/room999/x")).isFalse();
        assertThat(set.allows(Action.SUBSCRIBE, "/**")).isFalse();
        assertThat(set.examined()).isZero();
    }

    @Test
    void scopesStartingWithAWildcardAreExaminedForEveryAddress() {
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < 499; i++) scopes.add(Scope.of(ScopeAction.WRITE, "/r" + i + "/**"));
        scopes.add(Scope.of(ScopeAction.READ, "/*/status"));
        ScopeSet set = ScopeSet.compile("p", scopes, new WriteRates());
        assertThat(set.allows(Action.GET, "/r7/status")).isTrue();
        assertThat(set.examined()).isEqualTo(1);        // the root's /*/status answers first
        assertThat(set.allows(Action.SET, "/r7/a/b")).isTrue();
        assertThat(set.examined()).isEqualTo(3);        // /*/status (wrong action, tested cheaply) then /r7/**
    }
}
