package clasp.store.mvstore.internal;

/** A stored record this store cannot decode: the file is damaged, or was written by an unknown format version. */
final class CorruptRecordException extends RuntimeException {
    CorruptRecordException(String message) { super(message); }
}
