package clasp.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import clasp.protocol.FuzzInput;
import clasp.protocol.FuzzRegressions;
import clasp.protocol.FuzzRun;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input kept in {@code fuzz-regressions/} goes to a router after HELLO again: no crash, no hang, no leak, and a
 * clean client is served afterwards.
 */
class RouterRegressionTest {
    static List<FuzzInput> inputs() { return FuzzRegressions.load(RouterRegressionTest.class, "fuzz-regressions"); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void routerSurvives(FuzzInput input) {
        FuzzRun.Result result;
        try (RouterFuzzTarget target = new RouterFuzzTarget(RouterFuzzTest.settings(), 1)) {
            result = new FuzzRun("router-regressions", target, 1).replay(List.of(input));
        }
        assertThat(result.clean()).as(result.summary()).isTrue();
    }
}
