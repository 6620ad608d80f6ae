package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the decoder with {@link FrameMutator} inputs through {@link DecoderFuzzTarget}: 20,000 inputs with a fixed
 * seed in the default suite; {@code -Dfuzz.inputs=N -Dfuzz.seed=S} for a campaign ({@code scripts/fuzz.sh}). No
 * crash, no hang, no ByteBuf leak; the inputs must both decode and be rejected, so the generator reaches the parser.
 */
class DecoderFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 0xC1A5_F022L);
    static final long INPUTS = Long.getLong("fuzz.inputs", 20_000);

    @Test
    void everyInputDecodesOrIsRejectedCleanly() {
        FuzzRun.Result result = new FuzzRun("decoder", new DecoderFuzzTarget(), 1000)
                .run(new FrameMutator(SEED, List.of()), SEED, INPUTS);
        System.out.println(result.summary());
        assertThat(result.crashes()).as(result.summary()).isEmpty();
        assertThat(result.hangs()).as(result.summary()).isEmpty();
        assertThat(result.leaks()).as(result.summary()).isEmpty();
        assertThat(result.inputs()).isEqualTo(INPUTS);
        assertThat(result.outcomes().keySet()).as("outcome kinds").anyMatch(k -> k.startsWith("decoded "))
                .anyMatch(k -> k.startsWith("rejected "));
    }
}
