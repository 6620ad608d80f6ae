package clasp.protocol;

/** The one exception encoding throws; when it is thrown, nothing has been written. */
public final class EncodeException extends Exception {
    /** Why a message cannot be encoded. */
    public enum Kind {
        /** A string, count, bundle member or payload over its u16 limit. */
        TOO_LARGE,
        /** A value its field cannot hold (e.g. a u32 field given a negative number). */
        INVALID_FIELD,
        /** Nesting deeper than the configured limit. */
        DEPTH
    }

    private final Kind kind;

    public EncodeException(Kind kind, String detail) {
        super(kind + ": " + detail, null, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
