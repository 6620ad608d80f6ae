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

    @Test
    void matchingAgreesWithALevelByLevelReadingOfTheRulesForEveryShortFilterAndTopic() {
        String[] levels = {"a", "b", "", "$s", "ab"};
        java.util.List<String> topics = new java.util.ArrayList<>();
        java.util.List<String> filters = new java.util.ArrayList<>();
        for (String x : levels) {
            topics.add(x);
            for (String y : levels) {
                topics.add(x + "/" + y);
                for (String z : levels) topics.add(x + "/" + y + "/" + z);
            }
        }
        String[] filterLevels = {"a", "b", "", "+", "$s", "ab"};
        for (String x : filterLevels) {
            filters.add(x);
            filters.add(x + "/#");
            for (String y : filterLevels) {
                filters.add(x + "/" + y);
                filters.add(x + "/" + y + "/#");
            }
        }
        filters.add("#");
        for (String filter : filters) {
            for (String topic : topics) {
                assertThat(TopicFilters.matches(filter, topic)).as(filter + " ~ " + topic).isEqualTo(byTheRules(filter, topic));
            }
        }
    }

    /** MQTT 3.1.1 §4.7 read literally, on split levels. */
    private static boolean byTheRules(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) return true;
            if (i >= t.length) return false;
            if (!f[i].equals("+") && !f[i].equals(t[i])) return false;
        }
        return f.length == t.length;
    }
}
