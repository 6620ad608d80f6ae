package clasp.api.router;

/** The state of a bridge or transport instance, as admins see it. */
public enum PluginState {
    /** Registered; the router is calling its {@code open}. */
    OPENING,
    /** Open and working towards its peer (connecting, retrying). */
    CONNECTING,
    /** Open and carrying traffic. */
    ONLINE,
    /** Open but its peer is gone; it carries nothing until the peer returns. */
    OFFLINE,
    /** It failed to open, timed out, threw, or is blocked; the detail says which. Others are unaffected. */
    FAILED
}
