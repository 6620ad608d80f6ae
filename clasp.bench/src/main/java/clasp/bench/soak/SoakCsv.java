package clasp.bench.soak;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The soak run's CSV file: a header, then one {@link Sample} a line, appended and flushed as each minute ends so
 * that a run that dies still leaves its data. Owned by the sampling thread.
 */
public final class SoakCsv implements AutoCloseable {
    private final BufferedWriter out;

    private SoakCsv(BufferedWriter out) { this.out = out; }

    /** Creates (or truncates) the file and writes the header. */
    public static SoakCsv create(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        out.write(String.join(",", Sample.COLUMNS));
        out.newLine();
        out.flush();
        return new SoakCsv(out);
    }

    public void append(Sample sample) throws IOException {
        out.write(sample.csv());
        out.newLine();
        out.flush();
    }

    /** Every sample in a file written by this class; blank lines are skipped, a wrong header is refused. */
    public static List<Sample> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(String.join(",", Sample.COLUMNS))) {
            throw new IOException(file + " does not start with the soak CSV header " + String.join(",", Sample.COLUMNS));
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) samples.add(Sample.parse(line));
        }
        return samples;
    }

    @Override
    public void close() throws IOException { out.close(); }
}
