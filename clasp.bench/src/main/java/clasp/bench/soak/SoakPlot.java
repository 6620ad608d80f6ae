package clasp.bench.soak;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The soak run as a PNG drawn with Java2D (headless): five panels stacked, sharing the time axis in minutes — RSS,
 * heap after GC, threads, file descriptors and p99 — each with its own value axis from 0 to a rounded maximum, the
 * warm-up shaded. Stateless.
 */
public final class SoakPlot {
    static final int WIDTH = 960;
    static final int PANEL_HEIGHT = 150;
    static final Color LINE = new Color(0x1f, 0x77, 0xb4);
    private static final int LEFT = 70, RIGHT = 20, TOP = 30, GAP = 28, BOTTOM = 40;

    private record Panel(String title, ToDoubleFunction<Sample> value) { }

    private static final List<Panel> PANELS = List.of(
            new Panel("RSS (MB)", Sample::rssMb),
            new Panel("heap after full GC (MB)", Sample::heapMb),
            new Panel("threads", s -> s.threads()),
            new Panel("open file descriptors", s -> s.fds()),
            new Panel("event delivery p99 (ms)", Sample::p99Ms));

    private SoakPlot() { }

    /** Draws the samples into {@code file} as PNG. */
    public static void write(List<Sample> samples, int warmup, String title, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + PANELS.size() * (PANEL_HEIGHT + GAP) + BOTTOM;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, 20);
            int lastMinute = samples.isEmpty() ? 1 : Math.max(1, samples.get(samples.size() - 1).minute());
            for (int i = 0; i < PANELS.size(); i++) {
                int y = TOP + i * (PANEL_HEIGHT + GAP) + GAP - 10;
                panel(g, PANELS.get(i), samples, warmup, lastMinute, y, i == PANELS.size() - 1);
            }
        } finally {
            g.dispose();
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("no PNG writer");
    }

    private static void panel(Graphics2D g, Panel panel, List<Sample> samples, int warmup, int lastMinute, int top,
                              boolean timeLabels) {
        int width = WIDTH - LEFT - RIGHT;
        double max = niceMax(samples.stream().mapToDouble(panel.value()).filter(Double::isFinite).max().orElse(1));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xee, 0xee, 0xee));
        g.fillRect(LEFT, top, x(warmup, lastMinute, width) - LEFT, PANEL_HEIGHT);
        g.setColor(new Color(0xdd, 0xdd, 0xdd));
        for (int q = 1; q < 4; q++) g.drawLine(LEFT, top + q * PANEL_HEIGHT / 4, LEFT + width, top + q * PANEL_HEIGHT / 4);
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, top, width, PANEL_HEIGHT);
        g.drawString(panel.title(), LEFT + 6, top - 4);
        g.drawString(label(max), 4, top + 12);
        g.drawString(label(max / 2), 4, top + PANEL_HEIGHT / 2 + 5);
        g.drawString("0", 4, top + PANEL_HEIGHT);
        if (timeLabels) {
            for (int m = 0; m <= lastMinute; m += tick(lastMinute)) {
                g.drawString(Integer.toString(m), x(m, lastMinute, width) - 6, top + PANEL_HEIGHT + 16);
            }
            g.drawString("minutes", LEFT + width - 50, top + PANEL_HEIGHT + 32);
        }
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (Sample s : samples) {
            double v = panel.value().applyAsDouble(s);
            if (!Double.isFinite(v)) continue;
            double px = x(s.minute(), lastMinute, width);
            double py = top + PANEL_HEIGHT - v / max * PANEL_HEIGHT;
            if (started) line.lineTo(px, py);
            else line.moveTo(px, py);
            started = true;
        }
        g.setColor(LINE);
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        g.setStroke(new BasicStroke(1f));
    }

    private static int x(int minute, int lastMinute, int width) { return LEFT + (int) Math.round((double) minute / lastMinute * width); }

    private static int tick(int lastMinute) {
        for (int t : new int[] {1, 2, 5, 10, 15, 30, 60}) if (lastMinute / t <= 12) return t;
        return 120;
    }

    /** The smallest of 1, 2, 2.5 or 5 × 10^n at least 10 % above {@code v}. */
    static double niceMax(double v) {
        if (!(v > 0)) return 1;
        double target = v * 1.1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(target)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) if (step * magnitude >= target) return step * magnitude;
        return 10 * magnitude;
    }

    private static String label(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
