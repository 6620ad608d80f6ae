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
 * @param transport     the transport instance it came through ("websocket:default"), or "local"
 * @param principal     the name of whom it acts for ("open" in open mode)
 * @param queuedBytes   bytes written to it and not yet sent (0 for local sessions)
 */
public record SessionInfo(String id, String name, String origin, int subscriptions, long framesIn, long framesOut,
                          long sinceMicros, String peerIdentity, String transport, String principal, long queuedBytes) {
    /** Without transport, principal and queue (before 1.8). */
    public SessionInfo(String id, String name, String origin, int subscriptions, long framesIn, long framesOut,
                       long sinceMicros, String peerIdentity) {
        this(id, name, origin, subscriptions, framesIn, framesOut, sinceMicros, peerIdentity, "local", "open", 0);
    }

    /** A session no transport authenticated (local sessions, connections without client certificates). */
    public SessionInfo(String id, String name, String origin, int subscriptions, long framesIn, long framesOut,
                       long sinceMicros) {
        this(id, name, origin, subscriptions, framesIn, framesOut, sinceMicros, null);
    }
}
