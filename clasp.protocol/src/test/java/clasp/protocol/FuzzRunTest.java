package clasp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The fuzz runner counts outcomes, keeps crashes with their kind, and its watchdog reports an input that hangs. */
class FuzzRunTest {
    private static final FuzzInput OK = new FuzzInput(new byte[] {1}, "ok");
    private static final FuzzInput BOOM = new FuzzInput(new byte[] {2}, "boom");
    private static final FuzzInput STUCK = new FuzzInput(new byte[] {3}, "stuck");

    @Test
    void countsOutcomesAndKeepsCrashes() {
        FuzzRun run = new FuzzRun("runner-test", input -> {
            if (input == BOOM) throw new IllegalStateException("bad input");
            return "fine";
        }, 10);
        FuzzRun.Result result = run.replay(List.of(OK, BOOM, OK));
        assertThat(result.inputs()).isEqualTo(3);
        assertThat(result.outcomes()).containsEntry("fine", 2L).hasSize(2);
        assertThat(result.crashes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("IllegalStateException at clasp.protocol.FuzzRunTest.lambda$countsOutcomesAndKeepsCrashes$0");
            assertThat(c.detail()).isEqualTo("java.lang.IllegalStateException: bad input");
            assertThat(c.input()).isSameAs(BOOM);
        });
        assertThat(result.clean()).isFalse();
    }

    @Test
    void theWatchdogReportsAHang() {
        AtomicReference<FuzzRun> self = new AtomicReference<>();
        FuzzRun run = new FuzzRun("runner-test", input -> {
            // The stuck input runs until the watchdog has reported it (a stall beyond 60 s fails the test).
            for (int i = 0; input == STUCK && self.get().hangCount() == 0 && i < 6000; i++) Thread.sleep(10);
            return "done";
        }, 10, 50);
        self.set(run);
        FuzzRun.Result result = run.replay(List.of(OK, STUCK, OK));
        assertThat(result.hangs()).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo("hang");
            assertThat(h.detail()).startsWith("still running after ");
            assertThat(h.input()).isSameAs(STUCK);
        });
        assertThat(result.crashes()).isEmpty();
        assertThat(result.outcomes()).containsExactly(Map.entry("done", 3L));
    }
}
