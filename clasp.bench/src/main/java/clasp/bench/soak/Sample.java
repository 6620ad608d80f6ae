package clasp.bench.soak;

import java.util.List;
import java.util.Locale;

/**
 * One minute of a soak run: the runtime's resources at the end of the minute (RSS, heap in use after a full GC,
 * live threads, open file descriptors, CPU over the minute) and the traffic of the minute (event latency percentiles
 * from the publisher's send to a subscriber's read, messages, SET acknowledgements, reconnections), plus the bridge
 * cycles completed and errors seen since the start. Immutable.
 */
public record Sample(int minute, double rssMb, double heapMb, int threads, int fds, double cpuPercent,
                     double p50Ms, double p99Ms, long published, long delivered, long setUpdates, long setAcks,
                     double setP99Ms, long reconnects, long bridgeCycles, long errors) {

    /** The CSV header, in the order of {@link #csv()}. */
    public static final List<String> COLUMNS = List.of("minute", "rss_mb", "heap_after_gc_mb", "threads", "fds", "cpu_pct",
            "p50_ms", "p99_ms", "published", "delivered", "set_updates", "set_acks", "set_p99_ms", "reconnects",
            "bridge_cycles", "errors");

    /** This sample as one CSV line (no line break), numbers in the root locale. */
    public String csv() {
        return String.join(",", Integer.toString(minute), fixed(rssMb), fixed(heapMb), Integer.toString(threads),
                Integer.toString(fds), fixed(cpuPercent), fixed(p50Ms), fixed(p99Ms), Long.toString(published),
                Long.toString(delivered), Long.toString(setUpdates), Long.toString(setAcks), fixed(setP99Ms),
                Long.toString(reconnects), Long.toString(bridgeCycles), Long.toString(errors));
    }

    /** Parses a line written by {@link #csv()}. */
    public static Sample parse(String line) {
        String[] f = line.trim().split(",");
        if (f.length != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " fields, got " + f.length + ": " + line);
        }
        return new Sample(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Long.parseLong(f[10]),
                Long.parseLong(f[11]), Double.parseDouble(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]),
                Long.parseLong(f[15]));
    }

    static String fixed(double v) { return String.format(Locale.ROOT, "%.1f", v); }
}
