package clasp.transport.tcp.internal;

import clasp.transport.netty.tls.ServerKeys;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.security.GeneralSecurityException;

/**
 * What each new connection is built with: the settings, and the TLS context loaded from them (null without TLS).
 * Immutable; the listener swaps the whole of it, so a connection never sees new settings with old keys.
 *
 * @param keys the key material the TLS context came from, null without TLS
 */
record ConnectionSetup(TcpSettings settings, ServerKeys keys, SslContext ssl) {

    /** Loads the key material {@code settings} name; IllegalStateException (naming the problem) if it is unusable. */
    static ConnectionSetup of(TcpSettings settings) {
        if (settings.tls() == null) {
            return new ConnectionSetup(settings, null, null);
        }
        try {
            ServerKeys keys = ServerKeys.load(settings.tls());
            return new ConnectionSetup(settings, keys, keys.nettyServerContext());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("cannot load the TLS key material: " + e, e);
        }
    }
}
