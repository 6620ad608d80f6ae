package clasp.bench.soak;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakPlotTest {
    @TempDir
    Path dir;

    @Test
    void writesAPngWithFivePanelsOfLines() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (int m = 1; m <= 30; m++) samples.add(new Sample(m, 180 + m, 16 + m % 4, 50, 126, 35, 0.4, 10 + m % 7, 6000, 24000, 60000, 30000, 12, 5, m / 3, 0));
        Path png = dir.resolve("plots/soak.png");   // the folder is created
        SoakPlot.write(samples, 10, "Soak run, 30 min", png);

        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(SoakPlot.WIDTH, image.getWidth());
        assertEquals(30 + 5 * (SoakPlot.PANEL_HEIGHT + 28) + 40, image.getHeight());
        // each panel's band holds pixels of the line colour
        for (int panel = 0; panel < 5; panel++) {
            int top = 30 + panel * (SoakPlot.PANEL_HEIGHT + 28) + 18;
            assertTrue(hasLineColour(image, top, top + SoakPlot.PANEL_HEIGHT), "panel " + panel + " has no line");
        }
    }

    @Test
    void valueAxesEndOnARoundNumberAboveTheMaximum() {
        assertEquals(20.0, SoakPlot.niceMax(16));
        assertEquals(250.0, SoakPlot.niceMax(188.4));
        assertEquals(1.0, SoakPlot.niceMax(0));
        assertEquals(0.5, SoakPlot.niceMax(0.4));
    }

    private static boolean hasLineColour(BufferedImage image, int fromY, int toY) {
        for (int y = fromY; y <= toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (SoakPlot.LINE.getRGB() & 0xFFFFFF)) return true;
            }
        }
        return false;
    }
}
