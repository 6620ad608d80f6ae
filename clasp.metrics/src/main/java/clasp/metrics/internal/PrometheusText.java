package clasp.metrics.internal;

import java.nio.charset.StandardCharsets;

/**
 * Writes the Prometheus text exposition format 0.0.4: a family's {@code # HELP} and {@code # TYPE} lines, then its
 * samples, {@code name{label="value",...} number}. Label values escape backslash, double quote and line feed; help
 * text escapes backslash and line feed. Numbers are written as integers when whole, else in plain decimal notation. One instance per scrape, on the
 * scraping thread.
 */
final class PrometheusText {
    /** The Content-Type of this format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(16_384);

    /** Starts a family: {@code type} is counter, gauge or histogram. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ');
        escape(help, false);
        out.append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** One sample; {@code labels} are name, value pairs. */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(name);
        if (labels.length > 0) {
            out.append('{');
            for (int i = 0; i < labels.length; i += 2) {
                if (i > 0) out.append(',');
                out.append(labels[i]).append("=\"");
                escape(labels[i + 1], true);
                out.append('"');
            }
            out.append('}');
        }
        out.append(' ');
        number(value);
        out.append('\n');
        return this;
    }

    private void number(double v) {
        if (Double.isNaN(v)) out.append("NaN");
        else if (v == Double.POSITIVE_INFINITY) out.append("+Inf");
        else if (v == Double.NEGATIVE_INFINITY) out.append("-Inf");
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) out.append((long) v);
        else out.append(java.math.BigDecimal.valueOf(v).toPlainString());
    }

    private void escape(String s, boolean quoted) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    /** A bucket bound as the {@code le} label writes it. */
    static String le(double bound) {
        if (bound == Double.POSITIVE_INFINITY) return "+Inf";
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    @Override public String toString() { return out.toString(); }

    byte[] bytes() { return out.toString().getBytes(StandardCharsets.UTF_8); }
}
