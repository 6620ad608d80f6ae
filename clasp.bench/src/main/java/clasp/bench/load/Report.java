package clasp.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Markdown tables, one per workload: a row per figure, a column per broker, then ratios: every broker but the last
 * against the last (CLASP / mosquitto), and with three or more, every broker between against the first (so
 * {@code clasp,clasp-authenticated,mosquitto} also gets CLASP (authenticated) / CLASP).
 */
final class Report {
    private final Map<String, List<Result>> byWorkload = new LinkedHashMap<>();

    void add(Result r) { byWorkload.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r); }

    String markdown() {
        StringBuilder out = new StringBuilder();
        byWorkload.forEach((workload, results) -> table(out, workload, results));
        return out.toString();
    }

    private static void table(StringBuilder out, String workload, List<Result> results) {
        List<int[]> ratios = ratios(results.size());
        out.append("### ").append(workload).append("\n\n| |");
        for (Result r : results) out.append(' ').append(r.broker()).append(" |");
        for (int[] q : ratios) out.append(' ').append(results.get(q[0]).broker()).append(" / ").append(results.get(q[1]).broker()).append(" |");
        out.append("\n|---|");
        out.append("---:|".repeat(results.size() + ratios.size())).append('\n');
        Set<String> labels = new LinkedHashSet<>();
        for (Result r : results) for (Result.Metric m : r.metrics()) labels.add(m.label());
        for (String label : labels) {
            out.append("| ").append(label).append(" |");
            for (Result r : results) out.append(' ').append(format(r.metric(label))).append(" |");
            for (int[] q : ratios) out.append(' ').append(ratio(results.get(q[0]).metric(label), results.get(q[1]).metric(label))).append(" |");
            out.append('\n');
        }
        out.append('\n');
        for (Result r : results) for (String note : r.notes()) out.append("* ").append(r.broker()).append(": ").append(note).append('\n');
        out.append('\n');
    }

    /** Pairs of result indexes {dividend, divisor}, as the class comment says. */
    private static List<int[]> ratios(int n) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) pairs.add(new int[] {i, n - 1});
        if (n > 2) for (int i = 1; i < n - 1; i++) pairs.add(new int[] {i, 0});
        return pairs;
    }

    private static String format(Result.Metric m) {
        if (m == null || Double.isNaN(m.value())) return "n/a";
        return String.format(Locale.ROOT, "%,." + m.decimals() + "f", m.value());
    }

    private static String ratio(Result.Metric a, Result.Metric b) {
        if (a == null || b == null || Double.isNaN(a.value()) || Double.isNaN(b.value()) || b.value() == 0) return "";
        return String.format(Locale.ROOT, "%.2f", a.value() / b.value());
    }
}
