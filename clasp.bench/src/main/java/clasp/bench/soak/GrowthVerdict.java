package clasp.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Whether a soak run's resources grew without bound: the mean of each metric over the first {@code window} minutes
 * after a {@code warmup} is compared with its mean over the last {@code window} minutes. Heap after GC, threads and
 * file descriptors fail the run when they grew by more than the larger of an absolute and a relative allowance
 * ({@link #JUDGED}); RSS and p99 are reported, not judged (RSS follows the heap the JVM chose to commit, p99 the
 * machine's other load). Immutable.
 */
public record GrowthVerdict(boolean judged, int warmup, int window, List<Growth> growths) {

    /** One metric's allowance: it may grow by {@code absolute} or by {@code relative} × its early mean, whichever is larger. */
    public record Limit(String metric, String unit, ToDoubleFunction<Sample> value, double absolute, double relative) {
        double allowed(double early) { return Math.max(absolute, relative * early); }
    }

    /** One metric's early and late means; {@code limit} null when it is only reported. */
    public record Growth(String metric, String unit, double early, double late, Limit limit) {
        public double growth() { return late - early; }

        public boolean passes() { return limit == null || growth() <= limit.allowed(early); }

        String line() {
            String base = String.format(Locale.ROOT, "%-16s %9.1f -> %9.1f %s (%+.1f)", metric, early, late, unit, growth());
            if (limit == null) return base + "  reported only";
            return base + String.format(Locale.ROOT, "  allowed +%.1f: %s", limit.allowed(early), passes() ? "ok" : "GROWING");
        }
    }

    /** Heap after GC: 16 MB or 15 %; threads: 8 or 10 %; file descriptors: 16 or 10 %. */
    public static final List<Limit> JUDGED = List.of(
            new Limit("heap after GC", "MB", Sample::heapMb, 16, 0.15),
            new Limit("threads", "", s -> s.threads(), 8, 0.10),
            new Limit("file descriptors", "", s -> s.fds(), 16, 0.10));

    private static final List<Limit> REPORTED = List.of(
            new Limit("RSS", "MB", Sample::rssMb, 0, 0),
            new Limit("p99", "ms", Sample::p99Ms, 0, 0));

    /** Judges {@code samples} (one a minute, in order); not judged when the run is shorter than warmup + 2 × window. */
    public static GrowthVerdict judge(List<Sample> samples, int warmup, int window) {
        if (window < 1 || warmup < 0) throw new IllegalArgumentException("window must be >= 1 and warmup >= 0");
        if (samples.size() < warmup + 2 * window) return new GrowthVerdict(false, warmup, window, List.of());
        List<Sample> early = samples.subList(warmup, warmup + window);
        List<Sample> late = samples.subList(samples.size() - window, samples.size());
        List<Growth> growths = new ArrayList<>();
        for (Limit l : JUDGED) growths.add(new Growth(l.metric(), l.unit(), mean(early, l.value()), mean(late, l.value()), l));
        for (Limit l : REPORTED) growths.add(new Growth(l.metric(), l.unit(), mean(early, l.value()), mean(late, l.value()), null));
        return new GrowthVerdict(true, warmup, window, List.copyOf(growths));
    }

    /** Judged and no judged metric grew beyond its allowance. */
    public boolean passes() { return judged && growths.stream().allMatch(Growth::passes); }

    /** The exit status of a run with this verdict: 0 passed, 1 a metric grew, 3 too short to judge. */
    public int exitStatus() { return !judged ? 3 : passes() ? 0 : 1; }

    /** Several lines saying what was compared and each metric's growth. */
    public String describe() {
        if (!judged) {
            return "not judged: the run needs at least " + (warmup + 2 * window) + " minutes (" + warmup
                    + " warm-up + 2 x " + window + ")";
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "mean of minutes %d-%d (after %d min warm-up) vs mean of the last %d minutes:%n",
                warmup + 1, warmup + window, warmup, window));
        for (Growth g : growths) b.append(g.line()).append(System.lineSeparator());
        b.append(passes() ? "verdict: PASS, nothing judged grew beyond its allowance" : "verdict: FAIL, a judged metric grew");
        return b.toString();
    }

    private static double mean(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
