package clasp.transport.netty;

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
 * A listener's refusals and drops, counted by kind and logged once per interval with their counts, never once per
 * event: a storm of thousands of refusals is one line. Counting is thread-safe and lock-free (any event loop); the
 * report runs on the executor given to {@link #start} (the listener's acceptor thread).
 *
 * @param <K> the transport's kinds of refusal, each with the text of its report
 */
public final class Refusals<K extends Enum<K> & Refusals.Kind> {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    public static final Duration INTERVAL = Duration.ofSeconds(10);

    /** One kind of refusal; {@link #text} completes "N …" in the report, e.g. "closed: frame above maxFrameBytes". */
    public interface Kind {
        String text();
    }

    private final String pid;
    private final String listener;
    private final Class<K> kinds;
    private final Map<K, LongAdder> counts;
    private final Map<K, LongAdder> totals;
    private ScheduledFuture<?> reports;

    public Refusals(Class<K> kinds, String pid, String listener) {
        this.kinds = kinds;
        this.pid = pid;
        this.listener = listener;
        this.counts = new EnumMap<>(kinds);
        this.totals = new EnumMap<>(kinds);
        for (K kind : kinds.getEnumConstants()) {
            counts.put(kind, new LongAdder());
            totals.put(kind, new LongAdder());
        }
    }

    public void count(K kind) {
        counts.get(kind).increment();
        totals.get(kind).increment();
    }

    /** Everything of {@code kind} counted since the listener started. */
    public long total(K kind) {
        return totals.get(kind).sum();
    }

    public void start(ScheduledExecutorService executor) {
        reports = executor.scheduleAtFixedRate(this::report, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Logs what was counted since the last report; the last report runs when the listener stops. */
    public void stop() {
        if (reports != null) {
            reports.cancel(false);
        }
        report();
    }

    /** One line for everything counted since the last report, or nothing. */
    public void report() {
        StringJoiner line = new StringJoiner("; ");
        for (K kind : kinds.getEnumConstants()) {
            long n = counts.get(kind).sumThenReset();
            if (n > 0) {
                line.add(n + " " + kind.text());
            }
        }
        if (line.length() > 0) {
            LOG.warn("{} {}: {}", pid, listener, line);
        }
    }
}
