package clasp.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exposition format's lines: HELP and TYPE, labels, escaping, numbers. */
class PrometheusTextTest {
    @Test void aFamilyIsHelpTypeThenItsSamples() {
        String text = new PrometheusText().family("clasp_x_total", "counter", "Things.")
                .sample("clasp_x_total", 3, "kind", "a")
                .sample("clasp_x_total", 0, "kind", "b", "side", "left")
                .toString();
        assertThat(text).isEqualTo("""
                # HELP clasp_x_total Things.
                # TYPE clasp_x_total counter
                clasp_x_total{kind="a"} 3
                clasp_x_total{kind="b",side="left"} 0
                """);
    }

    @Test void labelValuesEscapeBackslashQuoteAndLineFeed() {
        String text = new PrometheusText().sample("clasp_bridge_dropped_total", 1, "bridge", "a\\b \"c\"\nd").toString();
        assertThat(text).isEqualTo("clasp_bridge_dropped_total{bridge=\"a\\\\b \\\"c\\\"\\nd\"} 1\n");
    }

    @Test void helpEscapesBackslashAndLineFeedButNotQuotes() {
        String text = new PrometheusText().family("clasp_g", "gauge", "say \"hi\"\\\nbye").toString();
        assertThat(text).startsWith("# HELP clasp_g say \"hi\"\\\\\\nbye\n");
    }

    @Test void numbersAreIntegersWhenWholeAndSpecialValuesAsPrometheusWritesThem() {
        String text = new PrometheusText().sample("a", 1.5).sample("b", 1_700_000_000.25).sample("c", -1)
                .sample("d", Double.POSITIVE_INFINITY).sample("e", Double.NaN).sample("f", 12_345_678_901L).toString();
        assertThat(text.lines()).containsExactly("a 1.5", "b 1700000000.25", "c -1", "d +Inf", "e NaN", "f 12345678901");
        assertThat(PrometheusText.le(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.le(1024)).isEqualTo("1024");
    }
}
