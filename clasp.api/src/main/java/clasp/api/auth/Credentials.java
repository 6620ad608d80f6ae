package clasp.api.auth;

/**
 * What a client presents when its session opens: the HELLO token, and what its transport knows of it.
 *
 * @param token         the HELLO token ({@code cpsk_…}, {@code cap_…}), or null when the HELLO carried none
 * @param peerIdentity  whom the transport authenticated (a TLS client certificate's subject), or null
 * @param remoteAddress the peer's address as text ("127.0.0.1:50312"), or null for a local session
 * @param transport     the transport it came through ("websocket:default"), or "local"
 */
public record Credentials(String token, String peerIdentity, String remoteAddress, String transport) {
    public Credentials {
        if (token != null && token.isEmpty()) token = null;
    }
}
