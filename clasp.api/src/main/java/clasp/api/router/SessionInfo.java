package clasp.api.router;

/**
 * One session as the router sees it.
 *
 * @param id            the session id sent in WELCOME
 * @param name          the client's HELLO name, or the local session's name
 * @param origin        the remote address and transport ("127.0.0.1:50312 via websocket:default"), or "local"
 * @param subscriptions subscriptions it holds
 * @param framesIn      frames (local: calls) received from it
 * @param framesOut     frames (local: messages) delivered to it
 * @param sinceMicros   when it was opened, µs since the epoch
 * @param peerIdentity  whom the transport authenticated (a TLS client certificate's subject), or null
 */
public record SessionInfo(String id, String name, String origin, int subscriptions, long framesIn, long framesOut,
                          long sinceMicros, String peerIdentity) {
    /** A session no transport authenticated (local sessions, connections without client certificates). */
    public SessionInfo(String id, String name, String origin, int subscriptions, long framesIn, long framesOut,
                       long sinceMicros) {
        this(id, name, origin, subscriptions, framesIn, framesOut, sinceMicros, null);
    }
}
