package clasp.transport.netty.tls;

import java.util.Locale;

/** Whether a TLS listener asks its clients for a certificate. */
public enum ClientAuth {
    /** No client certificate is asked for. */
    NONE,
    /** A client certificate is asked for; a client without one is accepted, one with an untrusted one is refused. */
    OPTIONAL,
    /** A client without a trusted certificate is refused during the handshake. */
    REQUIRE;

    /** "none", "optional" or "require" (any case; blank = none). */
    public static ClientAuth parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tlsClientAuth must be none, optional or require, is '" + text + "'");
        }
    }
}
