package clasp.scene.internal;

/** A recall that changed nothing: no such scene, a bad fade, or the router refused the bundle; the message says which. */
final class RecallRefused extends Exception {
    private static final long serialVersionUID = 1L;

    RecallRefused(String message) {
        super(message, null, false, false);
    }
}
