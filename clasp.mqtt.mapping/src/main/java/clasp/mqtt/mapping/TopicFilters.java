package clasp.mqtt.mapping;

/** MQTT topic filters (MQTT 3.1.1 §4.7, MQTT 5 §4.7): which are well formed, and which topics they match. Stateless. */
public final class TopicFilters {
    private TopicFilters() { }

    /** Whether {@code filter} is well formed: not empty, {@code #} only as the whole last level, {@code +} only as a whole level. */
    public static boolean valid(String filter) {
        if (filter.isEmpty()) return false;
        int start = 0;
        while (true) {
            int end = filter.indexOf('/', start);
            String level = end < 0 ? filter.substring(start) : filter.substring(start, end);
            if (level.indexOf('#') >= 0 && (!level.equals("#") || end >= 0)) return false;
            if (level.indexOf('+') >= 0 && !level.equals("+")) return false;
            if (end < 0) return true;
            start = end + 1;
        }
    }

    /**
     * Whether {@code topic} matches the (well-formed) {@code filter}: {@code +} is one level, a last {@code #} the
     * rest including the parent level ({@code a/#} matches {@code a}); topics starting with {@code $} are not matched
     * by a leading wildcard.
     */
    public static boolean matches(String filter, String topic) {
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) return false;
        int f = 0;
        int t = 0;
        while (true) {   // level by level, without copying either string: it runs for every delivery
            int fEnd = end(filter, f);
            int tEnd = end(topic, t);
            int fLength = fEnd - f;
            if (fLength == 1 && filter.charAt(f) == '#') return true;
            boolean any = fLength == 1 && filter.charAt(f) == '+';
            if (!any && (fLength != tEnd - t || !filter.regionMatches(f, topic, t, fLength))) return false;
            boolean filterEnds = fEnd == filter.length();
            boolean topicEnds = tEnd == topic.length();
            if (filterEnds || topicEnds) {
                // Both must end here, or the filter may go on with a last "#" (which also matches the parent level).
                if (filterEnds && topicEnds) return true;
                return topicEnds && fEnd + 2 == filter.length() && filter.charAt(fEnd + 1) == '#';
            }
            f = fEnd + 1;
            t = tEnd + 1;
        }
    }

    /** Where the level starting at {@code from} ends: the next '/' or the end of {@code s}. */
    private static int end(String s, int from) {
        int slash = s.indexOf('/', from);
        return slash < 0 ? s.length() : slash;
    }
}
