package clasp.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakCsvTest {
    @TempDir
    Path dir;

    private static final Sample FIRST = new Sample(1, 188.44, 16.04, 50, 126, 36.6, 0.4, 10.4, 6022, 24088, 60348, 30170, 12.6, 5, 1, 0);
    private static final Sample SECOND = new Sample(2, 190.0, 15.5, 52, 130, 30.1, Double.NaN, Double.NaN, 0, 0, 0, 0, Double.NaN, 6, 2, 3);

    @Test
    void eachAppendedSampleIsOnDiskAtOnceAndReadsBack() throws IOException {
        Path file = dir.resolve("soak.csv");
        try (SoakCsv csv = SoakCsv.create(file)) {
            csv.append(FIRST);
            // flushed per line: a run that dies after a minute still leaves that minute
            assertEquals(List.of(String.join(",", Sample.COLUMNS), "1,188.4,16.0,50,126,36.6,0.4,10.4,6022,24088,60348,30170,12.6,5,1,0"),
                    Files.readAllLines(file));
            csv.append(SECOND);
        }
        List<Sample> read = SoakCsv.read(file);
        assertEquals(2, read.size());
        assertEquals(new Sample(1, 188.4, 16.0, 50, 126, 36.6, 0.4, 10.4, 6022, 24088, 60348, 30170, 12.6, 5, 1, 0), read.get(0));
        assertTrue(Double.isNaN(read.get(1).p99Ms()));
        assertEquals(3, read.get(1).errors());
    }

    @Test
    void aFileWithoutTheHeaderIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        IOException e = assertThrows(IOException.class, () -> SoakCsv.read(file));
        assertTrue(e.getMessage().contains("does not start with the soak CSV header"), e.getMessage());
    }

    @Test
    void theTableHasOneRowPerMinuteInColumnOrder() {
        String table = SoakTable.table(List.of(FIRST, SECOND));
        String[] lines = table.split("\n");
        assertEquals(4, lines.length);
        assertEquals(SoakTable.HEADER, lines[0]);
        assertEquals(17, lines[1].chars().filter(c -> c == '|').count());
        assertEquals("| 1 | 188.4 | 16.0 | 50 | 126 | 36.6 | 0.4 | 10.4 | 6022 | 24088 | 60348 | 30170 | 12.6 | 5 | 1 | 0 |", lines[2]);
        assertEquals("| 2 | 190.0 | 15.5 | 52 | 130 | 30.1 | NaN | NaN | 0 | 0 | 0 | 0 | NaN | 6 | 2 | 3 |", lines[3]);
    }

    @Test
    void theDocumentHoldsVerdictImageAndTable() {
        String doc = SoakTable.document("Soak run 2026-12-08, 2 min", List.of(FIRST, SECOND), GrowthVerdict.judge(List.of(FIRST, SECOND), 10, 20),
                "soak/soak-2026-12-08.png");
        assertTrue(doc.startsWith("### Soak run 2026-12-08, 2 min\n\n```\nnot judged: the run needs at least 50 minutes"), doc);
        assertTrue(doc.contains("![Soak run 2026-12-08, 2 min](soak/soak-2026-12-08.png)\n\n" + SoakTable.HEADER), doc);
    }
}
