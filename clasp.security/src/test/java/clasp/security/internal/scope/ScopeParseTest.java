package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeParseTest {
    @Test
    void readsActionPatternAndConstraints() {
        Scope scope = Scope.parse("write:/lights/**|range=0..255|rate=50");
        assertThat(scope.action()).isEqualTo(ScopeAction.WRITE);
        assertThat(scope.pattern()).isEqualTo("/lights/**");
        assertThat(scope.range()).isEqualTo(new Scope.Range(0, 255));
        assertThat(scope.rate()).isEqualTo(50);
        assertThat(scope.grant()).isEqualTo("write:/lights/**");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "read:/a;READ", "r:/a;READ", "READ:/a;READ", "Write:/a;WRITE", "w:/a;WRITE",
            "admin:/a;ADMIN", "A:/a;ADMIN", "*:/a;ADMIN"})
    void actionsAndTheirAliasesInAnyCase(String text, ScopeAction action) {
        assertThat(Scope.parse(text).action()).isEqualTo(action);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "w:/a;write:/a",
            "write:/lights/**|range=0..255|rate=50;write:/lights/**|range=0..255|rate=50",
            "write:/x|rate=5|range=-1.50..2.0;write:/x|range=-1.5..2|rate=5",
            "write:/x|range=..255;write:/x|range=..255",
            "write:/x|range=0.25..;write:/x|range=0.25..",
            "admin:/x|range=1e3..1E4;admin:/x|range=1000..10000",
            "write:/x|range=.5..+7;write:/x|range=0.5..7",
            "read:/;read:/",
            "read:/a/;read:/a/"})
    void canonicalFormReadsBackToTheSameScope(String text, String canonical) {
        Scope scope = Scope.parse(text);
        assertThat(scope.toString()).isEqualTo(canonical);
        assertThat(Scope.parse(scope.toString())).isEqualTo(scope);
    }

    @Test
    void surroundingBlanksAreIgnored() {
        assertThat(Scope.parse("  read:/a/*  ")).isEqualTo(Scope.of(ScopeAction.READ, "/a/*"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "/a/b;scope '/a/b' is not <action>:<pattern>",
            "'';scope '' is not <action>:<pattern>",
            "publish:/a;bad action 'publish' in scope 'publish:/a' (read/r, write/w, admin/a/*)",
            "'* :/a';bad action '* ' in scope '* :/a' (read/r, write/w, admin/a/*)",
            ":/a;bad action '' in scope ':/a' (read/r, write/w, admin/a/*)",
            "read:;bad pattern in scope 'read:': invalid address: empty address",
            "read:a/b;bad pattern in scope 'read:a/b': invalid address: address must start with '/': a/b",
            "read:/a//b;bad pattern in scope 'read:/a//b': invalid address: empty segment in address: /a//b",
            "write:|range=1..2;bad pattern in scope 'write:|range=1..2': invalid address: empty address",
            "write:/a|speed=3;unknown constraint 'speed' in scope 'write:/a|speed=3' (range=<min>..<max>, rate=<n>)",
            "write:/a|;unknown constraint '' in scope 'write:/a|' (range=<min>..<max>, rate=<n>)",
            "write:/a|Range=1..2;unknown constraint 'Range' in scope 'write:/a|Range=1..2' (range=<min>..<max>, rate=<n>)",
            "write:/a|range=5;range must be <min>..<max> (either may be empty), not '5' in scope 'write:/a|range=5'",
            "write:/a|range;range must be <min>..<max> (either may be empty), not '' in scope 'write:/a|range'",
            "write:/a|range=..;range needs at least one bound in scope 'write:/a|range=..'",
            "write:/a|range=x..5;range bound 'x' is not a decimal number in scope 'write:/a|range=x..5'",
            "write:/a|range=0..NaN;range bound 'NaN' is not a decimal number in scope 'write:/a|range=0..NaN'",
            "write:/a|range=0..Infinity;range bound 'Infinity' is not a decimal number in scope 'write:/a|range=0..Infinity'",
            "write:/a|range=0..1e999;range bound '1e999' is not a decimal number in scope 'write:/a|range=0..1e999'",
            "write:/a|range=0x10..20;range bound '0x10' is not a decimal number in scope 'write:/a|range=0x10..20'",
            "write:/a|range=5..1;range min 5 is above max 1 in scope 'write:/a|range=5..1'",
            "write:/a|range=0..1|range=0..2;repeated constraint 'range' in scope 'write:/a|range=0..1|range=0..2'",
            "write:/a|rate=0;rate must be a positive whole number of writes per second, not '0' in scope 'write:/a|rate=0'",
            "write:/a|rate=-3;rate must be a positive whole number of writes per second, not '-3' in scope 'write:/a|rate=-3'",
            "write:/a|rate=2.5;rate must be a positive whole number of writes per second, not '2.5' in scope 'write:/a|rate=2.5'",
            "write:/a|rate=;rate must be a positive whole number of writes per second, not '' in scope 'write:/a|rate='",
            "write:/a|rate=9999999999;rate must be a positive whole number of writes per second, not '9999999999' in scope 'write:/a|rate=9999999999'",
            "write:/a|rate=1|rate=2;repeated constraint 'rate' in scope 'write:/a|rate=1|rate=2'",
            "read:/a|rate=5;constraints apply to write and admin scopes only: 'read:/a|rate=5'",
            "r:/a|range=0..1;constraints apply to write and admin scopes only: 'r:/a|range=0..1'"})
    void refusalsSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> Scope.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void theRecordRefusesWhatParseRefuses() {
        assertThatThrownBy(() -> Scope.of(ScopeAction.READ, "/a//b")).hasMessage(
                "bad pattern in scope: invalid address: empty segment in address: /a//b");
        assertThatThrownBy(() -> Scope.of(ScopeAction.READ, "/a|b")).hasMessage(
                "bad pattern in scope: '|' starts a constraint: /a|b");
        assertThatThrownBy(() -> new Scope(ScopeAction.READ, "/a", new Scope.Range(0, 1), 0)).hasMessage(
                "constraints apply to write and admin scopes only: read:/a");
        assertThatThrownBy(() -> new Scope.Range(2, 1)).hasMessage("range min 2 is above max 1");
        assertThatThrownBy(() -> new Scope(ScopeAction.WRITE, "/a", null, -1)).hasMessage(
                "rate must be a positive whole number of writes per second: -1");
    }

    @Test
    void aListIsCommaSeparatedAndTrimmed() {
        assertThat(Scopes.parseList(" read:/a/** ,write:/b/*|rate=10,, admin:/c ")).containsExactly(
                Scope.of(ScopeAction.READ, "/a/**"), new Scope(ScopeAction.WRITE, "/b/*", null, 10),
                Scope.of(ScopeAction.ADMIN, "/c"));
        assertThat(Scopes.parseList("")).isEmpty();
        assertThat(Scopes.parseList(null)).isEmpty();
    }

    @Test
    void aCommaAlwaysSeparatesScopesSoBraceAlternativesCannotBeGranted() {
        assertThatThrownBy(() -> Scopes.parseList("read:/a/{b,c}")).hasMessage(
                "scope 'c}' is not <action>:<pattern>");
        assertThat(Scopes.parseList("read:/a/{b}")).containsExactly(Scope.of(ScopeAction.READ, "/a/{b}"));
    }

    @Test
    void parseAllReadsAPrincipalsScopes() {
        assertThat(Scopes.parseAll(List.of("read:/a", "w:/b"))).containsExactly(
                Scope.of(ScopeAction.READ, "/a"), Scope.of(ScopeAction.WRITE, "/b"));
    }
}
