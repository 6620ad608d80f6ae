package clasp.scene.internal;

/** Scene JSON that cannot be read; the message says where (line and column, or the path of the value) and what. */
final class SceneFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    SceneFormatException(String message) {
        super(message, null, false, false);
    }
}
