package clasp.store.mvstore.internal;

/** The store file was written by a newer version of this bundle: it is left alone, not treated as damaged. */
final class NewerFormatException extends IllegalStateException {
    NewerFormatException(String message) { super(message); }
}
