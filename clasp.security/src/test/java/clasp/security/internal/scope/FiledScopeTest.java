package clasp.security.internal.scope;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.match.Glob;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiledScopeTest {
    private static final List<String> PATTERNS = List.of(
            "/**", "/*", "/a/**", "/a/*", "/a/b/**", "/a/b/*", "/a/b*", "/a/**/c", "/a/*/c", "/a/x**", "/a?/*",
            "/[ab]/**", "/{a,b}/*", "/a\\*/*");
    private static final List<String> ADDRESSES = List.of(
            "", "/", "a", "/a", "/a/", "/a/b", "/a/b/", "/a/b/c", "/a/bc", "/ab", "/ab/c", "/b/c", "/a//b", "/a/xb/c",
            "/a*/x", "/a/*", "/a/**", "/aa/x", "//", "/a/b/c/d");

    @Test
    void theShortcutsAnswerAsTheGlobMatcher() {
        for (String pattern : PATTERNS) {
            FiledScope filed = FiledScope.of(Scope.of(ScopeAction.READ, pattern));
            for (String address : ADDRESSES) {
                assertThat(filed.matches(address)).as("%s vs %s", pattern, address).isEqualTo(Glob.matches(pattern, address));
            }
        }
    }

    @Test
    void onlyLiteralStemsTakeAShortcut() {
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/a/**")).shape()).isEqualTo(FiledScope.Shape.ANY_DEPTH);
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/**")).stem()).isEqualTo("/");
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/a/b/*")).shape()).isEqualTo(FiledScope.Shape.ONE_SEGMENT);
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/a*/**")).shape()).isEqualTo(FiledScope.Shape.GLOB);
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/{a,b}/*")).shape()).isEqualTo(FiledScope.Shape.GLOB);
        assertThat(FiledScope.of(Scope.of(ScopeAction.READ, "/a/x**")).shape()).isEqualTo(FiledScope.Shape.GLOB);
    }
}
