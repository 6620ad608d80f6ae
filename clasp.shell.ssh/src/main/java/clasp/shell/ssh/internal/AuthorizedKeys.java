package clasp.shell.ssh.internal;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * The login check: a key is admitted when it is in the authorized_keys file (OpenSSH format; key options such as
 * {@code from=} are not applied), whatever the user name. The file is read again whenever it changes, so a key added
 * or removed counts from the next login. Notes the fingerprint of the admitted key, and of every key offered, in the
 * SSH session's attributes for the audit log. Called on SSHD's I/O threads; holds no state of its own.
 */
final class AuthorizedKeys implements PublickeyAuthenticator {
    /** The fingerprints of the keys a client offered, in order, admitted or not. */
    static final AttributeKey<Set<String>> OFFERED = new AttributeKey<>();
    /** The user name a client gave with its keys (a session has none until it logs in). */
    static final AttributeKey<String> USER = new AttributeKey<>();

    private final Path file;
    private final AuthorizedKeysAuthenticator keys;

    AuthorizedKeys(Path file) {
        this.file = file;
        this.keys = new AuthorizedKeysAuthenticator(file);
    }

    Path file() {
        return file;
    }

    @Override
    public boolean authenticate(String user, PublicKey key, ServerSession session) {
        String fingerprint = KeyUtils.getFingerPrint(key);
        session.computeAttributeIfAbsent(OFFERED, k -> new LinkedHashSet<>()).add(fingerprint);
        session.setAttribute(USER, user);
        boolean admitted = keys.authenticate(user, key, session);
        if (admitted) session.setAttribute(SshUser.KEY, fingerprint);
        return admitted;
    }
}
