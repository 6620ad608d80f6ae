package clasp.api.router;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The router's counters for monitoring, at one moment; counts are since the router started. Read without locks:
 * each count is exact, the set of them is not one atomic cut.
 *
 * @param startedAtMicros when the router started, µs since the epoch
 * @param sessions        open sessions, network and local
 * @param params          params stored
 * @param locks           params locked now
 * @param handshakes      HELLOs accepted (a WELCOME sent)
 * @param deliveries      messages handed to a subscriber session (network or local), before its own queue could hold
 *                        or drop them
 * @param traffic         network frames and bytes by CLASP message type name ("SET", "PUBLISH", ...; "UNKNOWN" for
 *                        frames whose type byte is no message type), every type present, in type code order
 * @param drops           deliveries dropped, by reason ("congested", "epsilon", "local-queue"), every reason present
 * @param coalesced       messages replaced by a newer one before they left, by reason ("congested": a held SET,
 *                        "gesture": a gesture move, "max-rate": a value held back by a subscription's maxRate), every
 *                        reason present
 * @param errors          ERROR frames sent to network clients, by code, for the codes sent at least once (0: a code
 *                        past 999)
 * @param refusals        refusals and overloads by kind, as {@link RouterStats#refusals}, every kind present
 * @since 1.9
 */
public record RouterMetrics(long startedAtMicros, int sessions, int params, int locks, long handshakes,
                            long deliveries, Map<String, Traffic> traffic, Map<String, Long> drops,
                            Map<String, Long> coalesced, Map<Integer, Long> errors, Map<String, Long> refusals) {
    public RouterMetrics {
        traffic = ordered(traffic);
        drops = ordered(drops);
        coalesced = ordered(coalesced);
        errors = ordered(errors);
        refusals = ordered(refusals);
    }

    /** Frames and bytes (whole CLASP frames, as framed on the wire without the transport's own framing) of one type. */
    public record Traffic(long framesIn, long bytesIn, long framesOut, long bytesOut) { }

    private static <K, V> Map<K, V> ordered(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
