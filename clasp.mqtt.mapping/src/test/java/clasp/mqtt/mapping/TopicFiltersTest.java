package clasp.mqtt.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** MQTT topic filters as MQTT 3.1.1 §4.7 states them. */
class TopicFiltersTest {
    @Test
    void wellFormedFiltersHaveWildcardsOnlyAsWholeLevelsAndHashOnlyLast() {
        for (String ok : new String[] {"a", "a/b", "+", "#", "a/+/b/#", "+/+", "/x", "a//b", "$SYS/#"}) {
            assertThat(TopicFilters.valid(ok)).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "a/#/b", "a+", "a/b#", "#/a", "a/+b", "##"}) {
            assertThat(TopicFilters.valid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void filtersMatchAsMqttSays() {
        assertThat(TopicFilters.matches("a/#", "a")).isTrue();                 // '#' includes the parent level
        assertThat(TopicFilters.matches("a/#", "a/b/c")).isTrue();
        assertThat(TopicFilters.matches("#", "a/b")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a/b")).isTrue();
        assertThat(TopicFilters.matches("a/+", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("a/+", "a")).isFalse();
        assertThat(TopicFilters.matches("+/b", "a/b")).isTrue();
        assertThat(TopicFilters.matches("+/+", "/b")).isTrue();               // an empty level is a level
        assertThat(TopicFilters.matches("a/b", "a/b/c")).isFalse();
        assertThat(TopicFilters.matches("a/b/c", "a/b")).isFalse();
        assertThat(TopicFilters.matches("a/b", "a/b")).isTrue();
        assertThat(TopicFilters.matches("#", "$SYS/x")).isFalse();            // $ topics: no leading wildcard
        assertThat(TopicFilters.matches("+/x", "$SYS/x")).isFalse();
        assertThat(TopicFilters.matches("$SYS/#", "$SYS/x")).isTrue();
    }
}
