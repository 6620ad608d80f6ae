package clasp.transport.tcp.internal;

import clasp.transport.netty.tls.ServerTls;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * What each new connection is built with: the settings, and the TLS server context loaded from them (null without
 * TLS), which follows its key files while the listener watches them. Loaded when the configuration is read
 * (activation, change), so that unusable key material is refused like any invalid configuration and opening only
 * binds. The listener swaps the whole of it, so a connection never sees new settings with old keys.
 *
 * @param tls the TLS server context, null without TLS
 */
record ConnectionSetup(TcpSettings settings, ServerTls tls) {

    /**
     * Loads the key material {@code settings} name. Unusable key material makes the configuration invalid:
     * IllegalArgumentException naming the PID and the problem.
     *
     * @param who the listener, as its log lines name it
     */
    static ConnectionSetup of(TcpSettings settings, String who) {
        if (settings.tls() == null) {
            return new ConnectionSetup(settings, null);
        }
        try {
            return new ConnectionSetup(settings, ServerTls.load(settings.tls(), settings.handshakeTimeout(), who));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(TcpTransport.PID + ": invalid configuration: cannot load the TLS key material: "
                    + e, e);
        }
    }
}
