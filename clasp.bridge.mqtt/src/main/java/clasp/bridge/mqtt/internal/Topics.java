package clasp.bridge.mqtt.internal;

import clasp.api.Address;

/**
 * Topic ↔ address under a namespace (bridges.md §7.2) and MQTT filter ↔ CLASP pattern ({@code +} ↔ {@code *},
 * {@code #} ↔ {@code **}). Stateless apart from the namespace; thread-safe.
 */
final class Topics {
    private final String namespace;   // "/mqtt", or "" for the root

    /** @param namespace an address prefix starting with '/', without a trailing '/' ("" for the root) */
    Topics(String namespace) {
        this.namespace = namespace;
    }

    String namespace() { return namespace; }

    /**
     * The address a topic is written to, {@code <namespace>/<topic>}, or null when that is no concrete address
     * (an empty level, as in {@code /x} or {@code a//b}, or a {@code *} in a level): such a message is dropped.
     */
    String address(String topic) {
        if (topic.isEmpty()) return null;
        String address = namespace + "/" + topic;
        if (!Address.isValid(address) || address.indexOf('*') >= 0 || address.endsWith("/")) return null;
        return address;
    }

    /**
     * The topic an address is published to: the part after the namespace, or for an address outside it its full
     * path without the leading '/'. Null when that is no valid topic to publish to (empty, or with + or #).
     */
    String topic(String address) {
        String rest = address;
        if (!namespace.isEmpty() && address.startsWith(namespace + "/")) rest = address.substring(namespace.length());
        else if (address.equals(namespace)) return null;
        String topic = rest.startsWith("/") ? rest.substring(1) : rest;
        if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) return null;
        return topic;
    }

    /**
     * An outbound pattern as configured: a CLASP pattern when it starts with '/', else an MQTT filter under the
     * namespace ({@code lights/+} → {@code <namespace>/lights/*}, {@code #} → {@code <namespace>/**}).
     */
    String pattern(String configured) {
        if (configured.startsWith("/")) return configured;
        StringBuilder pattern = new StringBuilder(namespace);
        for (String level : configured.split("/", -1)) {
            pattern.append('/').append(level.equals("+") ? "*" : level.equals("#") ? "**" : level);
        }
        return pattern.toString();
    }
}
