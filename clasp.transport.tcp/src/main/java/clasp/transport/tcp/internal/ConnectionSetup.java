package clasp.transport.tcp.internal;

import clasp.transport.netty.tls.ServerKeys;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * What each new connection is built with: the settings, and the TLS context loaded from them (null without TLS).
 * Loaded when the configuration is read (activation, change), so that unusable key material is refused like any
 * invalid configuration and opening only binds. Immutable; the listener swaps the whole of it, so a connection never
 * sees new settings with old keys.
 *
 * @param keys the key material the TLS context came from, null without TLS
 */
record ConnectionSetup(TcpSettings settings, ServerKeys keys, SslContext ssl) {

    /**
     * Loads the key material {@code settings} name. Unusable key material makes the configuration invalid:
     * IllegalArgumentException naming the PID and the problem.
     */
    static ConnectionSetup of(TcpSettings settings) {
        if (settings.tls() == null) {
            return new ConnectionSetup(settings, null, null);
        }
        try {
            ServerKeys keys = ServerKeys.load(settings.tls());
            return new ConnectionSetup(settings, keys, keys.nettyServerContext());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(TcpTransport.PID + ": invalid configuration: cannot load the TLS key material: "
                    + e, e);
        }
    }
}
