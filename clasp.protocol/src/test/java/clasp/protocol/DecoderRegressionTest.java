package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input kept in {@code fuzz-regressions/} goes through the decoder target again: no crash, no hang, no leak. */
class DecoderRegressionTest {
    static List<FuzzInput> inputs() { return FuzzRegressions.load(DecoderRegressionTest.class, "fuzz-regressions"); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void decodesOrRejectsCleanly(FuzzInput input) {
        FuzzRun.Result result = new FuzzRun("decoder-regressions", new DecoderFuzzTarget(), 1).replay(List.of(input));
        assertThat(result.clean()).as(result.summary()).isTrue();
    }
}
