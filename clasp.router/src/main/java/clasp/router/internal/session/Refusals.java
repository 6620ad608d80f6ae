package clasp.router.internal.session;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind of refusal and overload the router decides, counted without locks; {@link #report} logs what happened
 * since its last run in one line, so a storm is neither silent nor a log flood.
 */
public final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    /** The kinds, by the name RouterStats.refusals and the log use. */
    public enum Kind {
        HANDSHAKE_LIMIT("handshake-limit"), SESSION_LIMIT("session-limit"), HELLO_TIMEOUT("hello-timeout"),
        MALFORMED("malformed"), RATE_LIMITED("rate-limited"), SLOW_CONSUMER("slow-consumer"),
        LOCAL_QUEUE_DROP("local-queue-drop"),
        /** A write hook threw; it was skipped for that call. */
        HOOK_FAILED("hook-failed"),
        /** A write hook ran past its budget too often and was disabled. */
        HOOK_DISABLED("hook-disabled"),
        /** A frame past a decode limit: nesting, array items, map entries, string or bytes length (ERROR 101). */
        DECODE_LIMIT("decode-limit"),
        /** An address or pattern past the byte or segment limit (ERROR 200). */
        ADDRESS_LIMIT("address-limit"),
        /** A request while the session's paced replies were at their limit (ERROR 429). */
        PENDING_LIMIT("pending-limit"),
        /** A write past the per-address rate of its session (ERROR 429). */
        ADDRESS_RATE_LIMITED("address-rate-limited"),
        /** A SUBSCRIBE past the subscriptions of its session (ERROR 429). */
        SUBSCRIPTION_LIMIT("subscription-limit"),
        /** A scheduled BUNDLE past the session's or the router's limit (ERROR 429). */
        SCHEDULED_BUNDLE_LIMIT("scheduled-bundle-limit"),
        /** A HELLO whose credentials the authenticator refused (authenticated mode). */
        AUTH_FAILED("auth-failed");

        public final String label;

        Kind(String label) { this.label = label; }
    }

    private final EnumMap<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    private final EnumMap<Kind, Long> reported = new EnumMap<>(Kind.class);   // report's thread only

    public Refusals() {
        for (Kind k : Kind.values()) {
            counts.put(k, new LongAdder());
            reported.put(k, 0L);
        }
    }

    public void count(Kind kind) { counts.get(kind).increment(); }

    /** Counts since the router started, by label; kinds that never happened are absent. */
    public Map<String, Long> totals() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            long n = counts.get(k).sum();
            if (n > 0) out.put(k.label, n);
        }
        return out;
    }

    /** Counts since the router started, by label, every kind (zeros too), in declaration order. */
    public Map<String, Long> all() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) out.put(k.label, counts.get(k).sum());
        return out;
    }

    /** Logs, in one WARN line, each kind that happened since the last report, with its count; nothing if none did. */
    public void report(long intervalSeconds) {
        StringBuilder line = new StringBuilder();
        for (Kind k : Kind.values()) {
            long total = counts.get(k).sum();
            long since = total - reported.put(k, total);
            if (since > 0) line.append(line.length() == 0 ? "" : ", ").append(k.label).append(' ').append(since);
        }
        if (line.length() > 0) LOG.warn("clasp.router: refused or shed in the last {} s: {}", intervalSeconds, line);
    }
}
