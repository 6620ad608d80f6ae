package clasp.dashboard.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's lines in the audit log (logger {@code clasp.audit}, beside the router's and the security bundle's):
 * one line per admin action with principal, peer, action, target and outcome, in the router's key=value style; and
 * one per API request refused for its credentials or origin, at most {@value #REFUSALS_PER_SECOND} a second (the
 * network may provoke those), the next line written saying how many were held back. Thread-safe.
 */
final class Audit {
    static final int REFUSALS_PER_SECOND = 20;
    private static final Logger LOG = LoggerFactory.getLogger("clasp.audit");
    private static final java.util.concurrent.atomic.AtomicLong WINDOW = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    private static final java.util.concurrent.atomic.AtomicInteger WRITTEN = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicLong HELD_BACK = new java.util.concurrent.atomic.AtomicLong();

    private Audit() { }

    /** An API request refused with {@code status} (401, 403) before it reached the API. */
    static void refused(String peer, String method, String path, int status, String reason) {
        if (!LOG.isInfoEnabled()) return;
        long second = System.nanoTime() / 1_000_000_000L;
        long window = WINDOW.get();
        if (window != second && WINDOW.compareAndSet(window, second)) WRITTEN.set(0);
        if (WRITTEN.incrementAndGet() > REFUSALS_PER_SECOND) {
            HELD_BACK.incrementAndGet();
            return;
        }
        long held = HELD_BACK.getAndSet(0);
        LOG.info("dashboard-refused peer={} request=\"{} {}\" status={} reason={}{}", peer, method, path.replace("\"", "%22"),
                status, quoted(reason), held == 0 ? "" : " (" + held + " refusals held back before this one)");
    }

    /** An admin action taken from the dashboard; {@code outcome} is "ok" or the reason it failed. */
    static void action(String principal, String peer, String action, String target, String outcome) {
        LOG.info("dashboard-action principal={} peer={} action={} target={} outcome={}", quoted(principal), peer, action,
                quoted(target), quoted(outcome));
    }

    static String quoted(String s) {
        return s == null ? "-" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
