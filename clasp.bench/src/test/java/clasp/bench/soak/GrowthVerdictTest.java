package clasp.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class GrowthVerdictTest {
    /** {@code minutes} samples: heap 40 MB, 60 threads, 120 FDs, unless {@code at} says otherwise. */
    private static List<Sample> run(int minutes, IntFunction<Sample> at) {
        List<Sample> samples = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) samples.add(at.apply(m));
        return samples;
    }

    private static Sample sample(int minute, double heapMb, int threads, int fds) {
        return new Sample(minute, 200, heapMb, threads, fds, 30, 0.5, 5, 12000, 48000, 120000, 60000, 8, 12, minute / 3, 0);
    }

    @Test
    void aFlatRunWithNoiseAndAHighWarmUpPasses() {
        List<Sample> samples = run(50, m -> m <= 10 ? sample(m, 90, 80, 200) : sample(m, 40 + m % 3, 60 + m % 4, 120 + m % 5));
        GrowthVerdict v = GrowthVerdict.judge(samples, 10, 20);
        assertTrue(v.judged());
        assertTrue(v.passes(), v.describe());
        assertEquals(0, v.exitStatus());
        assertTrue(v.describe().contains("mean of minutes 11-30 (after 10 min warm-up) vs mean of the last 20 minutes"), v.describe());
    }

    @Test
    void aLeakOfOneThreadPerCycleFailsOnThreadsOnly() {
        // one thread more every 3 minutes (a bridge cycle leaking one): the last 20 minutes average about 32 threads more
        List<Sample> samples = run(125, m -> sample(m, 40, 60 + m / 3, 120));
        GrowthVerdict v = GrowthVerdict.judge(samples, 10, 20);
        assertFalse(v.passes());
        assertEquals(1, v.exitStatus());
        GrowthVerdict.Growth threads = v.growths().stream().filter(g -> g.metric().equals("threads")).findFirst().orElseThrow();
        assertFalse(threads.passes());
        assertTrue(v.growths().stream().filter(g -> !g.metric().equals("threads")).allMatch(GrowthVerdict.Growth::passes));
        assertTrue(v.describe().contains("GROWING"), v.describe());
    }

    @Test
    void heapIsAllowedTheLargerOfSixteenMegabytesAndFifteenPercent() {
        // early 40 MB: allowance 16 MB; +15 passes, +17 fails
        assertTrue(GrowthVerdict.judge(run(50, m -> sample(m, m > 30 ? 55 : 40, 60, 120)), 10, 20).passes());
        assertFalse(GrowthVerdict.judge(run(50, m -> sample(m, m > 30 ? 57 : 40, 60, 120)), 10, 20).passes());
        // early 200 MB: allowance 30 MB (15 %); +29 passes, +31 fails
        assertTrue(GrowthVerdict.judge(run(50, m -> sample(m, m > 30 ? 229 : 200, 60, 120)), 10, 20).passes());
        assertFalse(GrowthVerdict.judge(run(50, m -> sample(m, m > 30 ? 231 : 200, 60, 120)), 10, 20).passes());
    }

    @Test
    void fileDescriptorsGrowingBeyondSixteenFail() {
        GrowthVerdict v = GrowthVerdict.judge(run(50, m -> sample(m, 40, 60, m > 30 ? 137 : 120)), 10, 20);
        assertFalse(v.passes(), v.describe());
        assertEquals(17.0, v.growths().stream().filter(g -> g.metric().equals("file descriptors")).findFirst().orElseThrow().growth());
    }

    @Test
    void aRunShorterThanWarmUpAndTwoWindowsIsNotJudged() {
        GrowthVerdict v = GrowthVerdict.judge(run(49, m -> sample(m, 40, 60, 120)), 10, 20);
        assertFalse(v.judged());
        assertFalse(v.passes());
        assertEquals(3, v.exitStatus());
        assertEquals("not judged: the run needs at least 50 minutes (10 warm-up + 2 x 20)", v.describe());
    }

    @Test
    void rssAndP99AreReportedButNeverFailTheRun() {
        List<Sample> samples = run(50, m -> new Sample(m, m * 100.0, 40, 60, 120, 30, 0.5, m * 10.0, 1, 1, 1, 1, 1, 1, 1, 0));
        GrowthVerdict v = GrowthVerdict.judge(samples, 10, 20);
        assertTrue(v.passes(), v.describe());
        assertEquals(2000.0, v.growths().stream().filter(g -> g.metric().equals("RSS")).findFirst().orElseThrow().growth());
    }
}
