package clasp.adapter.mqtt.internal;

import clasp.mqtt.mapping.TopicFilters;
import java.util.LinkedHashMap;
import java.util.Map;

/** One client's subscriptions by MQTT filter, each with its CLASP subscription id and granted QoS. Event loop only. */
final class Subscriptions {
    /** @param retainAsPublished MQTT 5: a message that came from a param (SET) keeps retain=1 on live delivery */
    record Subscription(long id, String filter, int qos, boolean retainAsPublished) {
    }

    /** The delivery decision for one topic: the best granted QoS of the filters matching it (-1: none). */
    record Match(int qos, boolean retainAsPublished) {
        static final Match NONE = new Match(-1, false);
    }

    private final Map<String, Subscription> byFilter = new LinkedHashMap<>();
    private long nextId;

    Subscription get(String filter) {
        return byFilter.get(filter);
    }

    /** A new subscription, or one replacing the filter's (same CLASP id). */
    Subscription put(String filter, int qos, boolean retainAsPublished) {
        Subscription old = byFilter.get(filter);
        Subscription sub = new Subscription(old != null ? old.id() : ++nextId, filter, qos, retainAsPublished);
        byFilter.put(filter, sub);
        return sub;
    }

    /** Puts back what {@code filter} had before (null: nothing). */
    void restore(String filter, Subscription previous) {
        if (previous == null) byFilter.remove(filter); else byFilter.put(filter, previous);
    }

    /** Every subscription, in the order they were made. */
    java.util.Collection<Subscription> all() {
        return java.util.List.copyOf(byFilter.values());
    }

    /** Takes over {@code sub} as it is (a resumed session), its id included. */
    void restore(Subscription sub) {
        byFilter.put(sub.filter(), sub);
        nextId = Math.max(nextId, sub.id());
    }

    Subscription remove(String filter) {
        return byFilter.remove(filter);
    }

    /** Overlapping filters deliver once, at the highest QoS granted among them. */
    Match match(String topic) {
        int best = -1;
        boolean rap = false;
        for (Subscription s : byFilter.values()) {
            if (TopicFilters.matches(s.filter(), topic)) {
                best = Math.max(best, s.qos());
                rap |= s.retainAsPublished();
            }
        }
        return best < 0 ? Match.NONE : new Match(best, rap);
    }
}
