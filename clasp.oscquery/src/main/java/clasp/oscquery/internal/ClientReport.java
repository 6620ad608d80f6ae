package clasp.oscquery.internal;

import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What WebSocket clients sent that was dropped, told to admins once per {@value #INTERVAL_SECONDS} s at most: one
 * WARN line with a count per kind, only when something was dropped since the last line.
 */
final class ClientReport {
    static final long INTERVAL_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ClientReport.class);

    private final LongAdder ignored;
    private final ClientWrites writes;
    private long ignoredBefore;
    private long malformedBefore;
    private long refusedBefore;

    ClientReport(LongAdder ignored, ClientWrites writes) {
        this.ignored = ignored;
        this.writes = writes;
    }

    /** One timer thread only. */
    void log() {
        long ignoredNow = ignored.sum();
        long malformedNow = writes.malformed.sum();
        long refusedNow = writes.refused.sum();
        if (ignoredNow != ignoredBefore || malformedNow != malformedBefore || refusedNow != refusedBefore) {
            LOG.warn("clasp.oscquery: dropped from WebSocket clients in the last {} s: {} text messages that were no "
                            + "LISTEN/IGNORE command, {} malformed OSC packets, {} OSC writes refused (bundles, addresses "
                            + "that are no OSC path, SETs the router refused)", INTERVAL_SECONDS,
                    ignoredNow - ignoredBefore, malformedNow - malformedBefore, refusedNow - refusedBefore);
        }
        ignoredBefore = ignoredNow;
        malformedBefore = malformedNow;
        refusedBefore = refusedNow;
    }
}
