package clasp.shell.ssh.internal;

import java.util.Set;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH logins in the audit log (logger {@code clasp.audit}, docs/security.md): one line when a key logs in, one when
 * its session ends, and one for a connection that ends without logging in after offering keys (their fingerprints).
 * The commands run in between are logged by the command audit (clasp.security) under {@link SshUser#auditName()}.
 * Called on SSHD's I/O threads.
 */
final class SshAudit implements SessionListener {
    private static final Logger LOG = LoggerFactory.getLogger("clasp.audit");

    @Override
    public void sessionEvent(Session session, Event event) {
        if (event == Event.Authenticated) {
            SshUser user = SshUser.of(session);
            LOG.info("ssh-login user={} key={} remote={}", user.name(), user.key(), user.remote());
        }
    }

    @Override
    public void sessionClosed(Session session) {
        if (session.isAuthenticated()) {
            SshUser user = SshUser.of(session);
            LOG.info("ssh-logout user={} key={} remote={}", user.name(), user.key(), user.remote());
            return;
        }
        Set<String> offered = session.getAttribute(AuthorizedKeys.OFFERED);
        if (offered != null) {
            LOG.info("ssh-login-refused user={} remote={} keys={}", session.getAttribute(AuthorizedKeys.USER),
                    SshUser.address(session.getIoSession().getRemoteAddress()), String.join(",", offered));
        }
    }
}
