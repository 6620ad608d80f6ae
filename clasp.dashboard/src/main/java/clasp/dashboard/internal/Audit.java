package clasp.dashboard.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's lines in the audit log (logger {@code clasp.audit}, beside the router's and the security bundle's):
 * one line per admin action with principal, peer, action, target and outcome, in the router's key=value style.
 */
final class Audit {
    private static final Logger LOG = LoggerFactory.getLogger("clasp.audit");

    private Audit() { }

    /** An admin action taken from the dashboard; {@code outcome} is "ok" or the reason it failed. */
    static void action(String principal, String peer, String action, String target, String outcome) {
        LOG.info("dashboard-action principal={} peer={} action={} target={} outcome={}", quoted(principal), peer, action,
                quoted(target), quoted(outcome));
    }

    static String quoted(String s) {
        return s == null ? "-" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
