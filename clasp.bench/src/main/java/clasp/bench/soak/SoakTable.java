package clasp.bench.soak;

import java.util.List;

/** The markdown table of a soak run, one row per minute, and the document around it. Stateless. */
public final class SoakTable {
    private SoakTable() { }

    static final String HEADER = "| min | RSS MB | heap after GC MB | threads | FDs | CPU % | p50 ms | p99 ms | published | delivered | SET updates | SET acks | SET p99 ms | reconnects | bridge cycles | errors |";

    /** The table: header, alignment row, one row per sample. */
    public static String table(List<Sample> samples) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("|").append("---:|".repeat(16)).append('\n');
        for (Sample s : samples) {
            b.append("| ").append(String.join(" | ", Integer.toString(s.minute()), Sample.fixed(s.rssMb()),
                    Sample.fixed(s.heapMb()), Integer.toString(s.threads()), Integer.toString(s.fds()),
                    Sample.fixed(s.cpuPercent()), Sample.fixed(s.p50Ms()), Sample.fixed(s.p99Ms()),
                    Long.toString(s.published()), Long.toString(s.delivered()), Long.toString(s.setUpdates()),
                    Long.toString(s.setAcks()), Sample.fixed(s.setP99Ms()), Long.toString(s.reconnects()),
                    Long.toString(s.bridgeCycles()), Long.toString(s.errors()))).append(" |\n");
        }
        return b.toString();
    }

    /** The verdict in a code block, the image, then the table: what docs/benchmarks.md takes for one run. */
    public static String document(String title, List<Sample> samples, GrowthVerdict verdict, String imagePath) {
        return "### " + title + "\n\n```\n" + verdict.describe() + "\n```\n\n![" + title + "](" + imagePath + ")\n\n"
                + table(samples);
    }
}
