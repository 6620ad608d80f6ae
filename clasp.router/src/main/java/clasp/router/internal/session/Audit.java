package clasp.router.internal.session;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's half of the audit log (logger {@value #LOGGER}): refused HELLOs and denied requests, one line each
 * with principal, peer and what was refused. At most {@value #PER_SECOND} lines a second are written, so a peer that
 * provokes refusals cannot flood the disk; the lines held back are counted and the next line written says how many.
 */
public final class Audit {
    public static final String LOGGER = "clasp.audit";
    static final int PER_SECOND = 50;
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final LongSupplier nanos;
    private final AtomicLong window = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong heldBack = new AtomicLong();   // since the last line written

    public Audit() { this(System::nanoTime); }

    Audit(LongSupplier nanos) { this.nanos = nanos; }

    /** A HELLO refused: the client got ERROR {@code code} and its connection closed. */
    public void helloRefused(String peer, String transport, int code, String message) {
        line("auth-failed peer=" + peer + " via=" + transport + " code=" + code + " reason=\"" + message + "\"");
    }

    /** A request refused by the authoriser or a constraint. */
    public void denied(String principal, String peer, String what, String address, int code, String message) {
        line("denied principal=\"" + principal + "\" peer=" + peer + " request=" + what + " address=" + quoted(address)
                + " code=" + code + " reason=\"" + message + "\"");
    }

    /** A session closed because its credentials no longer hold (revoked, expired, mode changed). */
    public void credentialsWithdrawn(String principal, String peer) {
        line("session-closed principal=\"" + principal + "\" peer=" + peer + " reason=\"credentials no longer valid\"");
    }

    /** How many lines were held back since the start. */
    public long suppressedTotal() { return suppressed.get(); }

    private void line(String text) {
        if (!LOG.isInfoEnabled()) return;
        long second = nanos.getAsLong() / 1_000_000_000L;
        long w = window.get();
        if (w != second && window.compareAndSet(w, second)) written.set(0);
        if (written.incrementAndGet() > PER_SECOND) {
            suppressed.incrementAndGet();
            heldBack.incrementAndGet();
            return;
        }
        long held = heldBack.getAndSet(0L);
        LOG.info(held == 0 ? text : text + " (" + held + " audit lines held back before this one)");
    }

    private static String quoted(String s) { return s == null ? "-" : "\"" + s.replace("\"", "\\\"") + "\""; }
}
