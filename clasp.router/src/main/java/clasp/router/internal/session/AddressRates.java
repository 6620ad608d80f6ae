package clasp.router.internal.session;

import clasp.api.message.BundleMessage;
import clasp.api.message.Message;
import clasp.api.message.PublishMessage;
import clasp.api.message.SetMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes (SET, PUBLISH, each of them in a BUNDLE) per address from one session, in a fixed window per second of the
 * router clock, as the per-session rate limit counts frames (D1). Holds the addresses written in the current second only.
 */
final class AddressRates {
    /** Past this many addresses in one second the map is dropped rather than cleared, so a burst leaves no large table behind. */
    private static final int KEEP = 1_024;

    private Map<String, Integer> counts = new HashMap<>();
    private long second = Long.MIN_VALUE;

    /** Counts the writes of {@code m} in {@code second}; the first address past {@code max} writes in it, or null. */
    synchronized String over(Message m, long second, int max) {
        if (second != this.second) {
            this.second = second;
            if (counts.size() > KEEP) counts = new HashMap<>();
            else counts.clear();
        }
        return count(m, max);
    }

    private String count(Message m, int max) {
        String address = m instanceof SetMessage s ? s.address() : m instanceof PublishMessage p ? p.address() : null;
        if (address != null) return counts.merge(address, 1, Integer::sum) > max ? address : null;
        if (!(m instanceof BundleMessage b)) return null;
        String first = null;
        for (Message item : b.messages()) {
            String over = count(item, max);
            if (first == null) first = over;
        }
        return first;
    }
}
