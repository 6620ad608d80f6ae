package clasp.adapter.mqtt.internal;

/**
 * MQTT topics and filters against CLASP addresses under a namespace (bridges.md §7.2): topic {@code T} is address
 * {@code {ns}/T}; in filters {@code +} is {@code *} and {@code #} is {@code **}. A topic or filter with an empty
 * level, or a level holding {@code *}, cannot be a CLASP address and is refused. Stateless.
 */
final class Topics {
    private final String namespace;

    /** @param namespace the address prefix, e.g. "/mqtt" (no trailing slash) */
    Topics(String namespace) {
        this.namespace = namespace;
    }

    /** The address of a topic, or null when the topic cannot be one (empty level, wildcard, '*'). */
    String address(String topic) {
        if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || !levelsValid(topic)) return null;
        return namespace + "/" + topic;
    }

    /** The CLASP pattern of a filter, or null when the filter is invalid or cannot be a CLASP pattern. */
    String pattern(String filter) {
        if (filter.isEmpty() || !levelsValid(filter)) return null;
        String[] levels = filter.split("/", -1);
        StringBuilder pattern = new StringBuilder(namespace);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.equals("#")) {
                if (i != levels.length - 1) return null;
                pattern.append("/**");
            } else if (level.equals("+")) {
                pattern.append("/*");
            } else if (level.indexOf('+') >= 0 || level.indexOf('#') >= 0) {
                return null;
            } else {
                pattern.append('/').append(level);
            }
        }
        return pattern.toString();
    }

    /** The topic of an address inside the namespace, or null for one outside it. */
    String topic(String address) {
        if (address.length() <= namespace.length() + 1 || !address.startsWith(namespace)
                || address.charAt(namespace.length()) != '/') {
            return null;
        }
        return address.substring(namespace.length() + 1);
    }

    /** No empty level and no '*' anywhere: what a CLASP address needs. */
    private static boolean levelsValid(String s) {
        if (s.indexOf('*') >= 0 || s.startsWith("/") || s.endsWith("/") || s.contains("//")) return false;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == 0) return false;
        }
        return true;
    }
}
