package clasp.security.internal.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security bundle's half of the audit log (logger {@code clasp.audit}, shared with the router's lines of refused
 * HELLOs and denied requests): token issue, revocation, minting and delegation, mode changes and admin commands, one
 * line each. These come from the console, not from the network, so they are not rate-limited.
 */
public final class AdminAudit {
    private static final Logger LOG = LoggerFactory.getLogger("clasp.audit");

    private AdminAudit() { }

    public static void tokenIssued(String id, String subject, Object scopes, Object expires) {
        LOG.info("token-issued id={} subject=\"{}\" scopes={} expires={}", id, subject, scopes, expires == null ? "never" : expires);
    }

    public static void tokenRevoked(String id, String subject) {
        LOG.info("token-revoked id={} subject=\"{}\"", id, subject);
    }

    public static void capabilityMinted(String id, Object scopes, long expiresAt, boolean delegated) {
        LOG.info("{} id={} scopes={} expires_at={}", delegated ? "capability-delegated" : "capability-minted", id, scopes, expiresAt);
    }

    public static void modeApplied(String mode, int anchors, int certificates) {
        LOG.info("security-config mode={} trust-anchors={} certificate-subjects={}", mode, anchors, certificates);
    }

    public static void command(String user, String line) {
        LOG.info("admin-command user={} command=\"{}\"", user, line.replace("\"", "\\\""));
    }

    public static void commandRefused(String line, String why) {
        LOG.info("admin-command-failed command=\"{}\" reason=\"{}\"", line.replace("\"", "\\\""), why);
    }
}
