package clasp.transport.websocket.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's refusals and overloads, counted by kind and logged once per interval with their counts, never
 * once per event: a storm of thousands of refusals is one line. Counting is thread-safe and lock-free (any event
 * loop); the report runs on the listener's acceptor thread.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    static final Duration INTERVAL = Duration.ofSeconds(10);

    enum Kind {
        SURPLUS_UPGRADE("refused with 503: too many upgrades at once"),
        BAD_VERSION("refused with 426: unsupported WebSocket version"),
        UPGRADE_TIMEOUT("closed: no upgrade within the deadline"),
        TOO_BIG("closed with 1009: message above maxFrameBytes"),
        PROTOCOL_ERROR("closed with 1002: WebSocket protocol violation");

        final String text;

        Kind(String text) {
            this.text = text;
        }
    }

    private final String listener;
    private final Map<Kind, LongAdder> counts = new EnumMap<>(Kind.class);
    private ScheduledFuture<?> reports;

    Refusals(String listener) {
        this.listener = listener;
        for (Kind kind : Kind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    void count(Kind kind) {
        counts.get(kind).increment();
    }

    void start(ScheduledExecutorService executor) {
        reports = executor.scheduleAtFixedRate(this::report, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs what was counted since the last report; the last report runs when the listener stops. */
    void stop() {
        if (reports != null) {
            reports.cancel(false);
        }
        report();
    }

    /** One line for everything counted since the last report, or nothing. */
    void report() {
        StringJoiner line = new StringJoiner("; ");
        for (Kind kind : Kind.values()) {
            long n = counts.get(kind).sumThenReset();
            if (n > 0) {
                line.add(n + " " + kind.text);
            }
        }
        if (line.length() > 0) {
            LOG.warn("{} {}: {}", WebSocketTransport.PID, listener, line);
        }
    }
}
