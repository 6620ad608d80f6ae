package clasp.api.auth;

/** What a session asks to do; each request is checked once per address it touches. */
public enum Action {
    /** Write a param (also each SET inside a BUNDLE). */
    SET,
    /** Publish an event, stream sample, gesture or timeline (also each PUBLISH inside a BUNDLE). */
    PUBLISH,
    /** Subscribe to a pattern. */
    SUBSCRIBE,
    /** Read one param. */
    GET,
    /** List announced signals matching a pattern. */
    QUERY,
    /** Send a BUNDLE at all (its items are then checked one by one as SET and PUBLISH). */
    BUNDLE,
    /** Announce signal definitions under a namespace. */
    ANNOUNCE
}
