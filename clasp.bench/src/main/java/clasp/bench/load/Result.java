package clasp.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** The figures of one workload against one broker, in the order they are reported. */
final class Result {
    /** One figure; {@code decimals} is how it is printed. A NaN value prints as "n/a". */
    record Metric(String label, double value, int decimals) { }

    private final String workload;
    private final String broker;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    Result(String workload, String broker) {
        this.workload = workload;
        this.broker = broker;
    }

    String workload() { return workload; }
    String broker() { return broker; }

    Result put(String label, double value, int decimals) {
        metrics.put(label, new Metric(label, value, decimals));
        return this;
    }

    /** p50, p99, p99.9 and max of a histogram in ns, as µs rows named {@code <what> p50 (µs)} etc. */
    Result latencies(String what, Histogram h) {
        put(what + " p50 (µs)", h.getValueAtPercentile(50) / 1e3, 1);
        put(what + " p99 (µs)", h.getValueAtPercentile(99) / 1e3, 1);
        put(what + " p99.9 (µs)", h.getValueAtPercentile(99.9) / 1e3, 1);
        put(what + " max (µs)", h.getMaxValue() / 1e3, 1);
        return this;
    }

    Result note(String text) {
        notes.add(text);
        return this;
    }

    List<Metric> metrics() { return new ArrayList<>(metrics.values()); }

    Metric metric(String label) { return metrics.get(label); }

    List<String> notes() { return notes; }

    /** A failed run: the first line of the error instead of figures (the whole of it went to stderr). */
    static Result failed(String workload, String broker, Exception e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new Result(workload, broker).note("FAILED: " + e.getClass().getSimpleName() + ": " + message);
    }
}
