package clasp.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Regenerates a soak run's markdown (verdict, image link, table) and PNG from its CSV:
 * {@code java -cp clasp-bench.jar clasp.bench.soak.SoakReport --csv soak.csv --md soak.md --png soak.png
 * [--image-link docs-relative/path.png] [--warmup 10] [--window 20] [--title "Soak run …"]}; prints the verdict and
 * exits with its status (0 passed, 1 grew, 3 too short to judge). Stateless.
 */
public final class SoakReport {
    private SoakReport() { }

    public static void main(String[] args) throws IOException {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        if (!m.containsKey("csv") || !m.containsKey("md") || !m.containsKey("png")) {
            System.err.println("usage: SoakReport --csv <soak.csv> --md <out.md> --png <out.png> [--image-link <path in the md>] "
                    + "[--warmup 10] [--window 20] [--title <title>]");
            System.exit(64);
        }
        List<Sample> samples = SoakCsv.read(Path.of(m.get("csv")));
        Path png = Path.of(m.get("png"));
        String title = m.getOrDefault("title", "Soak run, " + samples.size() + " min");
        GrowthVerdict verdict = write(samples, Integer.parseInt(m.getOrDefault("warmup", "10")),
                Integer.parseInt(m.getOrDefault("window", "20")), title, Path.of(m.get("md")), png,
                m.getOrDefault("image-link", png.getFileName().toString()));
        System.out.println(verdict.describe());
        System.exit(verdict.exitStatus());
    }

    /** Writes the markdown and the PNG; returns the verdict. */
    static GrowthVerdict write(List<Sample> samples, int warmup, int window, String title, Path md, Path png,
                               String imageLink) throws IOException {
        GrowthVerdict verdict = GrowthVerdict.judge(samples, warmup, window);
        SoakPlot.write(samples, warmup, title, png);
        Files.writeString(md, SoakTable.document(title, samples, verdict, imageLink));
        return verdict;
    }
}
