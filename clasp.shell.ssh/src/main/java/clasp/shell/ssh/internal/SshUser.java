package clasp.shell.ssh.internal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.Session;

/**
 * Who is logged in over SSH: the user name the client gave, the fingerprint of the key it proved, and where it
 * connects from. Immutable.
 */
record SshUser(String name, String key, String remote) {
    /** The fingerprint ({@code SHA256:…}) of the key a session logged in with; set by {@link AuthorizedKeys}. */
    static final AttributeKey<String> KEY = new AttributeKey<>();

    /** The Gogo session variable the command audit prints as the user (clasp.security CommandAudit). */
    static final String USER_VARIABLE = "USER";

    static SshUser of(Session session) {
        String key = session.getAttribute(KEY);
        return new SshUser(session.getUsername(), key == null ? "none" : key, address(session.getIoSession().getRemoteAddress()));
    }

    /** {@code host:port} of an IP socket address; the address's own text otherwise. */
    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress ip && ip.getAddress() != null) {
            return ip.getAddress().getHostAddress() + ":" + ip.getPort();
        }
        return String.valueOf(address);
    }

    /** How the audit log names this user in each command line: {@code ssh:NAME@HOST:PORT/SHA256:…}, no spaces. */
    String auditName() {
        return "ssh:" + name + "@" + remote + "/" + key;
    }

    /** Makes every command of {@code session} audited under this user. */
    void identify(CommandSession session) {
        session.put(USER_VARIABLE, auditName());
    }
}
